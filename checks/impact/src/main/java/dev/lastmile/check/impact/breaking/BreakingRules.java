package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactRule;
import java.util.List;

/** The breaking-change rules (category {@code impact}), IMP001-IMP009. */
public final class BreakingRules {

    private BreakingRules() {
    }

    public static List<ImpactRule> all() {
        return List.of(new ColumnBrokenDownstream(), new ModelRemovedWhileReferenced(), new ContractChangedWithoutVersion(),
                new PrivateModelReferencedAcrossGroups());
    }
}
