package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL010: a value from outside the code ({@code var()}, {@code env_var()}, a query result) is rendered bare into the
 * SQL a model or macro produces, where SQL expects a value, so whatever the value holds becomes SQL.
 */
public final class UnquotedJinjaValueInSql {

    public static final RuleMeta META = new RuleMeta("SQL010", "sql.injection.unquoted_jinja_value",
            Category.SQL_INJECTION, Severity.MEDIUM,
            "Untrusted Jinja value rendered unquoted into SQL",
            "var() and env_var() are set by whoever runs dbt (an orchestrator, a CI job, a --vars argument that may "
                    + "come from a user-facing form), and query results are data. Rendered bare, `where id = {{ var('id') }}` "
                    + "turns a value such as `1 or 1=1` or `1; drop table x` into SQL; a date rendered bare is even "
                    + "silently wrong (2024-01-31 becomes the number 1992).",
            "Render the value as a literal: cast it (`{{ var('days') | int }}`), quote and escape it "
            + "(`{{ dbt.string_literal(dbt.escape_single_quotes(var('country'))) }}`), or validate it against a list of allowed values first.");

    private UnquotedJinjaValueInSql() {
    }
}
