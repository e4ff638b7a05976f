package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * SQL012: Python code (a dbt Python model, an Airflow task, a backfill script) formats values into a SQL string with
 * an f-string, {@code %}, {@code .format} or {@code +} and passes it to a call that runs it.
 */
public final class FormattedSqlInPythonExecute {

    public static final RuleMeta META = new RuleMeta("SQL012", "sql.injection.python_formatted_sql",
            Category.SQL_INJECTION, Severity.HIGH,
            "SQL built by string formatting is executed from Python",
            "String formatting copies a value into the statement as SQL. A date argument of "
                    + "`2024-01-01' or '1'='1` or a table name taken from a DAG run's configuration turns a backfill "
                    + "into a full-table delete. Every DB-API driver, SQLAlchemy, Spark, Snowpark and the BigQuery "
                    + "client accept parameters instead.",
            "Pass values as parameters: `cur.execute(\"... where day = %s\", (day,))`, "
                    + "`cur.execute(\"... = %(day)s\", {\"day\": day})`, `text(\"... = :day\")` with a dict, BigQuery "
                    + "`QueryJobConfig(query_parameters=[...])`. Identifiers cannot be parameters: check them against "
                    + "a list of allowed names or quote them with the driver's identifier helper (psycopg `sql.Identifier`).");

    private FormattedSqlInPythonExecute() {
    }
}
