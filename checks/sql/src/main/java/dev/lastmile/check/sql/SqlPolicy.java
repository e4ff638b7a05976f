package dev.lastmile.check.sql;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.util.Globs;
import dev.lastmile.dbt.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code sql:} section of {@code .lastmile.yml}, parsed and validated (errors name file, line and key).
 *
 * <pre>
 * sql:
 *   dialect: snowflake              # overrides the adapter in profiles.yml
 *   pii:
 *     columns: [customer_note, "crm.customers.notes"]   # more PII: column names, or relation.column
 *     not_pii: [email_domain]       # names the heuristics must not take for PII
 *     name_heuristics: true         # e-mail, phone, SSN... by column name
 *   restricted:
 *     paths: ["models/staging/**"]  # models allowed to hold PII
 *     schemas: [pii, restricted]    # models built into these schemas/datasets may hold PII
 *   exposed_paths: ["models/marts/**"]   # final models: PII there is high, SELECT * there is flagged
 *   vars: {lookback_days: 30}       # var() defaults when the project has none
 * </pre>
 */
public record SqlPolicy(Dialect dialect, List<String> piiColumns, Set<String> notPii, boolean nameHeuristics,
                        List<Pattern> restrictedPaths, Set<String> restrictedSchemas, List<Pattern> exposedPaths,
                        Map<String, Object> vars) {

    public static final List<String> DEFAULT_RESTRICTED_PATHS = List.of("**/staging/**", "**/base/**");
    public static final List<String> DEFAULT_RESTRICTED_SCHEMAS = List.of("pii", "restricted", "sensitive", "secure");
    public static final List<String> DEFAULT_EXPOSED_PATHS = List.of(
            "**/marts/**", "**/mart/**", "**/reporting/**", "**/reports/**", "**/exposures/**", "**/presentation/**");

    private static final Set<String> KEYS = Set.of("dialect", "pii", "restricted", "exposed_paths", "vars");

    public static SqlPolicy from(Policy policy) {
        PolicyNode sql = policy.section("sql");
        sql.requireOnly(KEYS);
        Dialect dialect = null;
        PolicyNode d = sql.get("dialect");
        if (d.isPresent()) {
            String v = d.asString();
            dialect = Dialect.fromAdapter(v).orElseThrow(() -> d.error(
                    "unknown dialect '" + v + "' (expected bigquery, snowflake, redshift, postgres, databricks, spark, duckdb)"));
        }
        PolicyNode pii = sql.get("pii");
        pii.requireOnly(Set.of("columns", "not_pii", "name_heuristics"));
        List<String> columns = lower(pii.get("columns").asStringList());
        Set<String> notPii = Set.copyOf(lower(pii.get("not_pii").asStringList()));
        boolean heuristics = pii.get("name_heuristics").asBoolean(true);
        PolicyNode restricted = sql.get("restricted");
        restricted.requireOnly(Set.of("paths", "schemas"));
        List<String> rPaths = restricted.get("paths").isPresent() || restricted.get("paths").isSequence()
                ? restricted.get("paths").asStringList() : DEFAULT_RESTRICTED_PATHS;
        List<String> rSchemas = restricted.get("schemas").isPresent() ? restricted.get("schemas").asStringList() : DEFAULT_RESTRICTED_SCHEMAS;
        List<String> exposed = sql.get("exposed_paths").isPresent() ? sql.get("exposed_paths").asStringList() : DEFAULT_EXPOSED_PATHS;
        Map<String, Object> vars = new LinkedHashMap<>();
        sql.get("vars").entries().forEach((k, v) -> vars.put(k, v.isScalar() ? v.asString() : v.asStringList()));
        return new SqlPolicy(dialect, columns, notPii, heuristics, compile(rPaths, restricted.get("paths")),
                Set.copyOf(lower(rSchemas)), compile(exposed, sql.get("exposed_paths")), vars);
    }

    private static List<Pattern> compile(List<String> globs, PolicyNode where) {
        List<Pattern> out = new ArrayList<>();
        for (String g : globs) {
            try {
                out.add(Globs.compile(g));
            } catch (RuntimeException e) {
                throw where.error("bad glob '" + g + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean isRestrictedPath(String path) {
        return Globs.anyMatch(restrictedPaths, path);
    }

    public boolean isExposedPath(String path) {
        return Globs.anyMatch(exposedPaths, path);
    }
}
