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
 */
public record UniqueKey(List<String> columns, Source source, String detail) {

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
    }

    /** True when every column of this key is among {@code cols}: rows unique on the key are unique on them too. */
    public boolean within(java.util.Collection<String> cols) {
        return !columns.isEmpty() && cols.containsAll(columns);
    }
}
