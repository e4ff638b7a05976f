package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL013: a macro builds a statement from a macro argument, {@code var()}, {@code env_var()} or a query result and runs
 * it at compile or run time ({@code run_query}, {@code adapter.execute}, a {@code statement} call block, a pre- or
 * post-hook), with the value outside any SQL string literal.
 */
public final class UntrustedValueInExecutedJinjaSql {

    public static final RuleMeta META = new RuleMeta("SQL013", "sql.injection.executed_jinja_sql",
            Category.SQL_INJECTION, Severity.HIGH,
            "Untrusted value concatenated into SQL that a macro executes",
            "Macros run with `dbt run-operation name --args '{...}'` take their arguments from the command line, "
                    + "often from an orchestrator or a support tool. A statement such as "
                    + "`run_query(\"delete from t where id = \" ~ account_id)` deletes every row when account_id is "
                    + "`1 or 1=1`, and runs immediately, with the deploy role, outside any review of compiled SQL.",
            "Quote and escape values (`dbt.string_literal(dbt.escape_single_quotes(account_id))`), cast numbers (`account_id | int`), quote "
                    + "identifiers with `adapter.quote()` or resolve them with `ref()`/`source()`/`api.Relation.create()`, "
                    + "or reject values not in an allowed list with `exceptions.raise_compiler_error`.");

    private UntrustedValueInExecutedJinjaSql() {
    }
}
