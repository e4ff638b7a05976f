package dev.lastmile.dbt;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How lastmile reads a dbt project, from the policy's {@code sql:} section: the dialect that overrides the profile's
 * adapter, and {@code var()} defaults. Every check reads the project with these, so the SQL check and the residency
 * check never disagree about what a model is. (The SQL check validates the section; this reads it leniently.)
 *
 * @param dialect the policy's {@code sql.dialect}, or null for the profile's adapter
 * @param vars    the policy's {@code sql.vars}
 */
public record DbtSettings(Dialect dialect, Map<String, Object> vars) {

    public static final DbtSettings DEFAULTS = new DbtSettings(null, Map.of());

    public DbtSettings {
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    public static DbtSettings from(Policy policy) {
        PolicyNode sql = policy.section("sql");
        PolicyNode d = sql.get("dialect");
        Dialect dialect = d.isPresent() && d.isScalar() ? Dialect.fromAdapter(d.asString()).orElse(null) : null;
        Map<String, Object> vars = new LinkedHashMap<>();
        sql.get("vars").entries().forEach((k, v) -> vars.put(k, v.isScalar() ? v.asString() : v.asStringList()));
        return new DbtSettings(dialect, vars);
    }
}
