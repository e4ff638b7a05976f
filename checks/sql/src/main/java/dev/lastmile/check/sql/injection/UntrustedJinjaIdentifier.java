package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL014: {@code var()}, {@code env_var()} or a query result is rendered bare where SQL expects a name (after
 * {@code from}/{@code join}/{@code as}, around a dot, glued to other name characters).
 */
public final class UntrustedJinjaIdentifier {

    public static final RuleMeta META = new RuleMeta("SQL014", "sql.injection.untrusted_identifier",
            Category.SQL_INJECTION, Severity.LOW,
            "Untrusted Jinja value used as a table or column name",
            "A name cannot be bound as a parameter, so a schema or column taken from a var, an environment variable "
                    + "or the rows of a query becomes SQL text verbatim: `analytics.orders; drop schema prod` or a "
                    + "column value with a space breaks or hijacks the model. dbt's own `ref()` and `source()` resolve "
                    + "names from the project instead.",
            "Use `ref()`/`source()` for relations, `adapter.quote()` or `dbt_utils.slugify()` for names built from "
                    + "values, or check the value against an allowed list (`{% if x not in ['eu', 'us'] %}"
                    + "{{ exceptions.raise_compiler_error(...) }}{% endif %}`).");

    private UntrustedJinjaIdentifier() {
    }
}
