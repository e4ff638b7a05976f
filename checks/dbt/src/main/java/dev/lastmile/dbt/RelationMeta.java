package dev.lastmile.dbt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the project's YAML says about one model or source table: everything a check judges by (PII flags, residency
 * zones in {@code meta}, tags) and what a change to it affects (tests, an enforced contract, constraints).
 *
 * @param kind        {@code model} or {@code source}
 * @param name        model name, or {@code source_name.table_name}
 * @param file        the YAML file that describes it
 * @param database    for a source, its {@code database} (or project); empty when not given
 * @param schema      for a source, its {@code schema} (defaulting to the source name); for a model, its configured
 *                    schema when the YAML sets one; else empty
 * @param columns     described columns by lower-cased name
 * @param restricted  true when its own metadata marks the whole relation as holding personal data or restricted
 * @param tags        its tags ({@code tags:} and {@code config.tags:}; a source table also carries its source's)
 * @param meta        its {@code meta:} merged with {@code config.meta:} (the latter wins); a source table's falls back
 *                    to its source's, key by key
 * @param tests       the names of its data tests ({@code tests:} / {@code data_tests:}, the relation's and its columns')
 * @param contract    true when {@code config.contract.enforced} is set
 * @param constraints its model-level and column-level {@code constraints:} entries, as written
 * @param uniqueKeys  the column sets its YAML declares unique: {@code unique} and compound-uniqueness tests without a
 *                    {@code where} filter, {@code primary_key}/{@code unique} constraints, a {@code unique_key} config
 * @param description its {@code description:}, empty when it has none
 * @param freshness   for a source table: a {@code freshness:} of its own or its source's ({@code config.freshness}
 *                    too) that is not {@code null}; false for a model
 */
public record RelationMeta(String kind, String name, String file, String database, String schema,
                           Map<String, ColumnMeta> columns, boolean restricted, List<String> tags,
                           Map<String, Object> meta, List<String> tests, boolean contract,
                           List<Map<String, Object>> constraints, List<UniqueKey> uniqueKeys, String description,
                           boolean freshness) {

    public RelationMeta {
        // YAML order, not Map.copyOf's per-JVM order: messages that list columns read the same on every run
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        tags = List.copyOf(tags);
        meta = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
        tests = List.copyOf(tests);
        constraints = List.copyOf(constraints);
        uniqueKeys = List.copyOf(uniqueKeys);
        description = description == null ? "" : description;
    }

    /** The value of one {@code meta} key as text, or empty. */
    public Optional<String> metaValue(String key) {
        Object v = meta.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** The same relation marked as restricted (its source is). */
    RelationMeta restrictedCopy() {
        return new RelationMeta(kind, name, file, database, schema, columns, true, tags, meta, tests, contract, constraints, uniqueKeys,
                description, freshness);
    }
}
