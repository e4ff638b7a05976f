package dev.lastmile.dbt;

import java.util.List;

/**
 * What a {@code schema.yml} or {@code sources.yml} says about one column.
 *
 * @param name        the column's name, lower-cased
 * @param pii         true when its metadata marks it as personal data ({@code meta.pii}, {@code contains_pii},
 *                    {@code sensitive}, a {@code classification}, a policy tag, a {@code pii} tag)
 * @param reason      which key said so, for messages ({@code meta.contains_pii})
 * @param tags        its tags
 * @param dataType    its declared {@code data_type}, or empty
 * @param line        1-based line of its entry in {@code file}
 */
public record ColumnMeta(String name, boolean pii, String reason, List<String> tags, String dataType, int line) {

    public ColumnMeta {
        tags = List.copyOf(tags);
        reason = reason == null ? "" : reason;
        dataType = dataType == null ? "" : dataType;
    }
}
