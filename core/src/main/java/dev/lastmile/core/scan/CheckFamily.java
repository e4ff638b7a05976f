package dev.lastmile.core.scan;

import java.util.Locale;
import java.util.Optional;

/**
 * The one description of each check family: every name it goes by, in the CLI, the policy, the store, GitHub and the
 * deployment. The CLI's {@code CheckRegistry}, the check functions, the webhook, the scheduler, the reporter, the
 * policy loader, the SAM template's tests and the README's check table all read it; none spells a family's names
 * itself. The implementations ({@link Check}) are registered where they are built (the CLI, each function module), so
 * core imports no check.
 *
 * <p>A new family is one constant here (see ARCHITECTURE.md, "A new check family"); the tests then say what is
 * missing: the template's queue and function, the README's row, the CLI's factory.
 *
 * <p>What each name is for:
 * <ul>
 *   <li>{@code check}: the name in {@code --checks}, the policy's {@code checks:}, scan jobs, store keys and findings</li>
 *   <li>{@code id}: the family's module ({@code checks/<id>}), package ({@code dev.lastmile.check.<id>}), rule name prefix ({@code <id>.}) and docs page ({@code docs/<id>.md})</li>
 *   <li>{@code checkRunName}: the GitHub check run</li>
 *   <li>{@code rulePrefix}: the prefix of every rule id ({@code SQL001})</li>
 *   <li>{@code policySection}: the family's top-level section of {@code .lastmile.yml}</li>
 *   <li>{@code functionModule}: the Lambda function's module, {@code functions/<functionModule>}</li>
 *   <li>{@code functionHandler}: the Lambda handler class</li>
 *   <li>{@code functionLogicalId}: the function's logical id in {@code infra/template.yaml}</li>
 *   <li>{@code queueVariable}: the environment variable holding the family's scan-job queue URL (webhook, scheduler)</li>
 *   <li>{@code queueLogicalId}: the queue's logical id in {@code infra/template.yaml}</li>
 * </ul>
 */
public enum CheckFamily {
    // In the order the CLI prints their results.
    SQL("sql", "sql", "lastmile/sql", "SQL", "sql",
            "sql-check", "dev.lastmile.functions.sql.SqlCheckFunction", "SqlCheckFunction",
            "LASTMILE_QUEUE_SQL", "SqlJobsQueue"),
    SECRETS("secrets", "secrets", "lastmile/credentials", "SEC", "secrets",
            "secrets-check", "dev.lastmile.functions.secrets.SecretsCheckFunction", "SecretsCheckFunction",
            "LASTMILE_QUEUE_SECRETS", "SecretsJobsQueue"),
    RESIDENCY("residency", "residency", "lastmile/residency", "RES", "residency",
            "residency-check", "dev.lastmile.functions.residency.ResidencyCheckFunction", "ResidencyCheckFunction",
            "LASTMILE_QUEUE_RESIDENCY", "ResidencyJobsQueue"),
    LICENSES("licenses", "dependencies", "lastmile/dependencies", "DEP", "licenses",
            "license-check", "dev.lastmile.functions.licenses.LicenseCheckFunction", "LicenseCheckFunction",
            "LASTMILE_QUEUE_LICENSES", "LicensesJobsQueue"),
    IMPACT("impact", "impact", "lastmile/impact", "IMP", "impact",
            "impact-check", "dev.lastmile.functions.impact.ImpactCheckFunction", "ImpactCheckFunction",
            "LASTMILE_QUEUE_IMPACT", "ImpactJobsQueue");

    private final String check;
    private final String id;
    private final String checkRunName;
    private final String rulePrefix;
    private final String policySection;
    private final String functionModule;
    private final String functionHandler;
    private final String functionLogicalId;
    private final String queueVariable;
    private final String queueLogicalId;

    CheckFamily(String check, String id, String checkRunName, String rulePrefix, String policySection,
                String functionModule, String functionHandler, String functionLogicalId, String queueVariable,
                String queueLogicalId) {
        this.check = check;
        this.id = id;
        this.checkRunName = checkRunName;
        this.rulePrefix = rulePrefix;
        this.policySection = policySection;
        this.functionModule = functionModule;
        this.functionHandler = functionHandler;
        this.functionLogicalId = functionLogicalId;
        this.queueVariable = queueVariable;
        this.queueLogicalId = queueLogicalId;
    }

    /** The name in {@code --checks}, the policy's {@code checks:}, scan jobs, store keys and findings. */
    public String check() {
        return check;
    }

    /** The family's module, package, rule-name prefix and docs page name: {@code dependencies} for licenses. */
    public String id() {
        return id;
    }

    public String checkRunName() {
        return checkRunName;
    }

    /** Every rule id of the family is this prefix and three digits. */
    public String rulePrefix() {
        return rulePrefix;
    }

    /** Every rule name of the family starts with this: {@code sql.}, {@code dependencies.}. */
    public String ruleNamePrefix() {
        return id + ".";
    }

    public String policySection() {
        return policySection;
    }

    /** The function module's folder under {@code functions/}. */
    public String functionModule() {
        return functionModule;
    }

    public String functionHandler() {
        return functionHandler;
    }

    public String functionLogicalId() {
        return functionLogicalId;
    }

    public String queueVariable() {
        return queueVariable;
    }

    public String queueLogicalId() {
        return queueLogicalId;
    }

    /** The family's user documentation, relative to the repository root. */
    public String docsPage() {
        return "docs/" + id + ".md";
    }

    public static Optional<CheckFamily> byCheck(String check) {
        for (CheckFamily f : values()) {
            if (f.check.equals(check)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The family of a GitHub check run name ({@code lastmile/credentials} → secrets), case and spaces ignored. */
    public static Optional<CheckFamily> byCheckRunName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (CheckFamily f : values()) {
            if (f.checkRunName.equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The GitHub check run of a check name; {@code lastmile/<check>} for one that is no family (a test's check). */
    public static String checkRunNameOf(String check) {
        return byCheck(check).map(CheckFamily::checkRunName).orElse("lastmile/" + check);
    }
}
