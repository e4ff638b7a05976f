package dev.lastmile.core.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity and documentation of one rule.
 *
 * @param id          short stable code used in suppressions, SARIF and the policy ({@code SQL004}); never reused
 * @param name        dotted readable name ({@code sql.pii.select_star}); also accepted wherever an id is
 * @param category    the category every finding of this rule carries
 * @param severity    default severity; the policy may override it
 * @param summary     one line: what the rule finds
 * @param rationale   why it matters in a data pipeline
 * @param remediation what to do about it
 * @param aliases     retired ids and names that still select this rule
 */
public record RuleMeta(String id, String name, Category category, Severity severity, String summary,
                       String rationale, String remediation, List<String> aliases) {

    private static final Pattern ID = Pattern.compile("[A-Z]{2,10}[0-9]{3}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    public RuleMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id '" + id + "' must look like SQL004");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name '" + name + "' must be dotted lower case, like sql.pii.select_star");
        }
        summary = Objects.requireNonNullElse(summary, "");
        rationale = Objects.requireNonNullElse(rationale, "");
        remediation = Objects.requireNonNullElse(remediation, "");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public RuleMeta(String id, String name, Category category, Severity severity, String summary,
                    String rationale, String remediation) {
        this(id, name, category, severity, summary, rationale, remediation, List.of());
    }

    /** True when {@code ref} names this rule by id, name or alias (ids case-insensitively). */
    public boolean isNamedBy(String ref) {
        if (ref == null) {
            return false;
        }
        String r = ref.trim();
        if (r.equalsIgnoreCase(id) || r.equals(name)) {
            return true;
        }
        for (String a : aliases) {
            if (a.equalsIgnoreCase(r)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static boolean isWellFormedName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
