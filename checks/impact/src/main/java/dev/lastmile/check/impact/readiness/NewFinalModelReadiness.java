package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.RelationMeta;
import dev.lastmile.dbt.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IMP030 and IMP031: a final model the pull request adds (a mart, an exposed model, or what {@code impact.final_models}
 * names) without a description, or without a test of its grain. Only added models are judged: the models already
 * there are the project's history, not this change's.
 */
final class NewFinalModelReadiness {

    static final RuleMeta UNDESCRIBED = new RuleMeta("IMP030", "impact.readiness.final_model_without_description",
            Category.READINESS, Severity.LOW,
            "A new final model without a description",
            "A final model is what dashboards, exports and other teams read. Without a description, its consumers guess "
                    + "what a row is and what each number means, and the docs site and catalog show an empty page.",
            "Describe the model in its YAML (description: what one row is, where it comes from, who owns it), with "
                    + "descriptions of the columns consumers read.");

    static final RuleMeta UNTESTED_GRAIN = new RuleMeta("IMP031", "impact.readiness.final_model_without_grain_test",
            Category.READINESS, Severity.MEDIUM,
            "A new final model without a test of its grain",
            "A model's grain (one row per what?) is the assumption every join and sum on it relies on. Without a unique "
                    + "test on its key, a duplicate from an upstream change goes unnoticed and every total built on the "
                    + "model is multiplied; lastmile's join fan-out rule cannot judge joins onto it either.",
            "Test the key the model is unique on: a unique (and not_null) test on the key column, "
                    + "dbt_utils.unique_combination_of_columns for a compound key, or a primary_key constraint in an "
                    + "enforced contract.");

    private NewFinalModelReadiness() {
    }

    static List<ImpactRule> rules() {
        return List.of(new SharedRule(UNDESCRIBED, NewFinalModelReadiness::check), new SharedRule(UNTESTED_GRAIN, NewFinalModelReadiness::check));
    }

    private static List<Finding> check(ImpactContext change, RuleMeta meta) {
        List<Finding> out = new ArrayList<>();
        for (Touched.Model m : Touched.models(change, true)) {
            if (!Touched.isFinal(change, m)) {
                continue;
            }
            Optional<RelationMeta> yaml = change.head().project().model(m.name());
            String message;
            if (meta == UNDESCRIBED) {
                if (yaml.isPresent() && !yaml.get().description().isBlank()) {
                    continue;
                }
                message = "New final model `" + m.name() + "` has no description"
                        + (yaml.isEmpty() ? " (no YAML describes it)" : " (" + yaml.get().file() + ")")
                        + ": its consumers cannot tell what a row is.";
            } else {
                if (hasGrainTest(yaml)) {
                    continue;
                }
                message = "New final model `" + m.name() + "` has no test of its grain (no unique, "
                        + "unique_combination_of_columns or primary_key on its key"
                        + (yaml.isEmpty() ? ", and no YAML describes it" : " in " + yaml.get().file()) + ").";
            }
            out.add(Finding.of(meta, m.path(), Region.line(1), message).withStatus(FindingStatus.NEW)
                    .withFingerprintKey(meta.id() + ":" + m.name()));
        }
        return out;
    }

    /** A unique key that a test or constraint checks (a unique_key config alone is not checked). */
    static boolean hasGrainTest(Optional<RelationMeta> yaml) {
        return yaml.isPresent() && yaml.get().uniqueKeys().stream()
                .anyMatch(k -> k.source() == UniqueKey.Source.TEST || k.source() == UniqueKey.Source.CONSTRAINT);
    }
}
