package dev.lastmile.dbt;

import java.util.List;

/**
 * A set of columns a relation's rows are unique on, and what says so. It describes; whether a join onto it fans out
 * is for a check to judge.
 *
 * @param columns the key's columns, lower-cased, in the order given
 * @param source  what establishes it
 * @param detail  how it is written, for messages ({@code unique test on order_id},
 *                {@code dbt_utils.unique_combination_of_columns}, {@code group by 1, 2})
 * @param buckets the key's columns (of a read grain) that the select computes as a time bucket
 *                ({@code ordered_at::date}, {@code date_trunc('month', …)}): a grain refined by a bucket is one row per
 *                key per period by construction, where a plain extra column may only be an attribute carried along
 */
public record UniqueKey(List<String> columns, Source source, String detail, List<String> buckets) {

    public UniqueKey(List<String> columns, Source source, String detail) {
        this(columns, source, detail, List.of());
    }

    public enum Source {
        /** a data test in YAML: {@code unique}, {@code dbt_utils.unique_combination_of_columns}, ... */
        TEST,
        /** a contract's {@code primary_key} or {@code unique} constraint */
        CONSTRAINT,
        /** an incremental model's {@code unique_key} config (YAML or {@code config()}) */
        CONFIG,
        /** the model's SQL groups by these columns */
        GROUP_BY,
        /** the model's SQL selects DISTINCT these columns */
        DISTINCT;

        /** True when the key is declared (and, for a test, checked), not read from the SQL. */
        public boolean declared() {
            return this == TEST || this == CONSTRAINT || this == CONFIG;
        }
    }

    public UniqueKey {
        columns = List.copyOf(columns);
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /** True when every column of this key is among {@code cols}: rows unique on the key are unique on them too. */
    public boolean within(java.util.Collection<String> cols) {
        return !columns.isEmpty() && cols.containsAll(columns);
    }
}
