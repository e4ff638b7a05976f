package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.util.Globs;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.RelationMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IMP034 and IMP035: what the policy requires of the models a pull request adds or changes under given paths
 * ({@code impact.require.contracts}, {@code impact.require.tests}). Without the policy section both are quiet.
 */
final class RequiredByPolicy {

    static final RuleMeta CONTRACT = new RuleMeta("IMP034", "impact.readiness.contract_required", Category.READINESS,
            Severity.MEDIUM,
            "A new or changed model without the enforced contract the policy requires",
            "The policy names models whose shape other teams rely on (impact.require.contracts). An enforced contract "
                    + "makes dbt fail the build when a column or type drifts, instead of letting a downstream reader "
                    + "find out.",
            "Add config: {contract: {enforced: true}} to the model's YAML with every column's data_type (and a "
                    + "primary_key constraint on its key), or change impact.require.contracts if the model is not meant "
                    + "to be covered.");

    static final RuleMeta TESTS = new RuleMeta("IMP035", "impact.readiness.grain_test_required", Category.READINESS,
            Severity.MEDIUM,
            "A new or changed model without the test of its grain the policy requires",
            "The policy names models whose grain must be tested (impact.require.tests): a duplicate key in them "
                    + "multiplies every total downstream, and only a test of the key catches it before a reader does.",
            "Test the model's key: unique (and not_null) on the key column, dbt_utils.unique_combination_of_columns "
                    + "for a compound key, or a primary_key constraint in an enforced contract.");

    private RequiredByPolicy() {
    }

    static List<ImpactRule> rules() {
        return List.of(new SharedRule(CONTRACT, RequiredByPolicy::check), new SharedRule(TESTS, RequiredByPolicy::check));
    }

    private static List<Finding> check(ImpactContext change, RuleMeta meta) {
        List<Pattern> globs = meta == CONTRACT ? change.policy().requireContracts() : change.policy().requireTests();
        if (globs.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Touched.Model m : Touched.models(change, false)) {
            if (!Globs.anyMatch(globs, m.path())) {
                continue;
            }
            Optional<RelationMeta> yaml = change.head().project().model(m.name());
            String message;
            if (meta == CONTRACT) {
                if (yaml.map(RelationMeta::contract).orElse(false) || contractInSql(change, m.path())
                        || change.head().project().folderConfig(m.path(), "contract").map(c -> c.contains("enforced=true")).orElse(false)) {
                    continue;
                }
                message = "`" + m.name() + "` has no enforced contract, which impact.require.contracts requires of "
                        + "models at this path.";
            } else {
                if (NewFinalModelReadiness.hasGrainTest(yaml)) {
                    continue;
                }
                message = "`" + m.name() + "` has no test of its grain (unique, unique_combination_of_columns or a "
                        + "primary_key constraint), which impact.require.tests requires of models at this path.";
            }
            out.add(Finding.of(meta, m.path(), Region.line(1), message).withStatus(FindingStatus.NEW)
                    .withFingerprintKey(meta.id() + ":" + m.name()));
        }
        return out;
    }

    /** {@code config(contract={'enforced': true})} in the model's SQL. */
    private static boolean contractInSql(ImpactContext change, String path) {
        Optional<FileAnalysis> a = change.head().analyzer().analyze(path);
        if (a.isEmpty()) {
            return false;
        }
        Object c = a.get().rendered().config().get("contract");
        return c instanceof Map<?, ?> m && String.valueOf(m.get("enforced")).equalsIgnoreCase("true");
    }
}
