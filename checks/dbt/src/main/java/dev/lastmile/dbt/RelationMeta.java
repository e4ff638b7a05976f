package dev.lastmile.dbt;

import java.util.List;
import java.util.Map;

/**
 * What the project's YAML says about one model or source table.
 *
 * @param kind       {@code model} or {@code source}
 * @param name       model name, or {@code source_name.table_name}
 * @param file       the YAML file that describes it
 * @param database   for a source, its {@code database} (or project); empty when not given
 * @param schema     for a source, its {@code schema} (defaulting to the source name); for a model, its configured
 *                   schema when the YAML sets one; else empty
 * @param columns    described columns by lower-cased name
 * @param restricted true when its own metadata marks the whole relation as holding personal data or restricted
 * @param tags       its tags
 */
public record RelationMeta(String kind, String name, String file, String database, String schema,
                           Map<String, ColumnMeta> columns, boolean restricted, List<String> tags) {

    public RelationMeta {
        columns = Map.copyOf(columns);
        tags = List.copyOf(tags);
    }
}
