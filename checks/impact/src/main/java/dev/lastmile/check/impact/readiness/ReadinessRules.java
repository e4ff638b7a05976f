package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactRule;
import java.util.ArrayList;
import java.util.List;

/** The production readiness rules (category {@code readiness}), IMP030-IMP039: new and changed models only. */
public final class ReadinessRules {

    private ReadinessRules() {
    }

    public static List<ImpactRule> all() {
        List<ImpactRule> out = new ArrayList<>(NewFinalModelReadiness.rules());
        out.add(new IncrementalWithoutUniqueKey());
        out.add(new NewSourceWithoutFreshness());
        out.addAll(RequiredByPolicy.rules());
        return List.copyOf(out);
    }
}
