package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL011: SQL-side dynamic SQL ({@code EXECUTE IMMEDIATE}, PL/pgSQL {@code EXECUTE}, T-SQL {@code EXEC}, a
 * {@code CALL} handed a statement) whose text is glued together from variables with {@code ||}, {@code CONCAT},
 * {@code FORMAT('%s')} or a Jinja value spliced into the statement string.
 */
public final class ConcatenatedDynamicSql {

    public static final RuleMeta META = new RuleMeta("SQL011", "sql.injection.dynamic_sql_concat",
            Category.SQL_INJECTION, Severity.HIGH,
            "Dynamic SQL built by concatenation is executed",
            "A statement assembled from variables and then executed runs whatever the variables hold: a table name "
                    + "such as `t; drop table audit` or a value such as `x' or '1'='1` changes what the warehouse does, "
                    + "with the privileges of the pipeline's service account.",
            "Pass values as parameters (`EXECUTE IMMEDIATE 'select ... where id = ?' USING id`), quote identifiers "
                    + "with the engine's function (`quote_ident`, `format('%I')`, `FORMAT('%T')` for BigQuery literals), "
                    + "or validate names against a list of allowed values before building the statement.");

    private ConcatenatedDynamicSql() {
    }
}
