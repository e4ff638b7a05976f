package dev.lastmile.dbt.model;

/**
 * A relation a query reads: a dbt {@code ref}, a {@code source}, a plain table, a CTE or a subquery.
 *
 * @param kind     what it is
 * @param name     for REF the model name, for SOURCE {@code source_name.table_name}, for TABLE the dotted name as
 *                 written, for CTE the CTE's name, for SUBQUERY empty
 * @param alias    the alias it is known by in the query (its last name part when it has none), lower-cased
 * @param subquery the query of a SUBQUERY (null otherwise; a CTE's query is on {@link Query#ctes()})
 * @param line     1-based line in the rendered SQL
 */
public record Relation(Kind kind, String name, String alias, Query subquery, int line) {

    public enum Kind { REF, SOURCE, TABLE, CTE, SUBQUERY, PLACEHOLDER }

    /** A relation of the warehouse (not defined inside the statement). */
    public boolean isExternal() {
        return kind == Kind.REF || kind == Kind.SOURCE || kind == Kind.TABLE;
    }
}
