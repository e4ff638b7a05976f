package dev.lastmile.dbt;

import java.util.Locale;
import java.util.Optional;

/** The SQL dialects lastmile reads, chosen from the dbt adapter type or the policy's {@code sql.dialect}. */
public enum Dialect {
    BIGQUERY, SNOWFLAKE, REDSHIFT, POSTGRES, DATABRICKS, DUCKDB, ANSI;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps a dbt adapter type ({@code bigquery}, {@code spark}, {@code databricks}, ...) or a dialect id. */
    public static Optional<Dialect> fromAdapter(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "bigquery" -> Optional.of(BIGQUERY);
            case "snowflake" -> Optional.of(SNOWFLAKE);
            case "redshift" -> Optional.of(REDSHIFT);
            case "postgres", "postgresql" -> Optional.of(POSTGRES);
            case "databricks", "spark" -> Optional.of(DATABRICKS);
            case "duckdb", "motherduck" -> Optional.of(DUCKDB);
            case "ansi" -> Optional.of(ANSI);
            default -> Optional.empty();
        };
    }
}
