package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL015: a macro argument becomes a table, schema or column name in SQL the macro executes ({@code "drop view " ~
 * obj}), without {@code adapter.quote()}, a Relation, or a check against allowed names. Lower severity than SQL013:
 * many maintenance macros do this with names only their authors pass; it matters when the macro is run with
 * {@code dbt run-operation --args} from a tool or form.
 */
public final class MacroArgumentAsNameInExecutedSql {

    public static final RuleMeta META = new RuleMeta("SQL015", "sql.injection.executed_name_argument",
            Category.SQL_INJECTION, Severity.LOW,
            "Macro argument used as a name in SQL the macro executes",
            "A name cannot be bound as a parameter. `run_query(\"drop schema \" ~ schema_name ~ \" cascade\")` run "
                    + "with `--args '{schema_name: \"prod cascade; --\"}'` drops more than intended, with the deploy "
                    + "role's rights.",
            "Quote the name (`adapter.quote(schema_name)`), build a relation (`api.Relation.create(schema=..., "
                    + "identifier=...)`), or reject names not in an allowed list before executing.");

    private MacroArgumentAsNameInExecutedSql() {
    }
}
