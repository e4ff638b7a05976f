package dev.lastmile.check.impact;

import dev.lastmile.check.impact.breaking.BreakingRules;
import dev.lastmile.check.impact.fanout.FanOutRules;
import dev.lastmile.check.impact.readiness.ReadinessRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The explicit registry of impact rules (no classpath scanning: cold start matters in Lambda). Each concern keeps its
 * own list in its package; this joins them, in id order.
 */
public final class ImpactRules {

    private ImpactRules() {
    }

    public static List<ImpactRule> all() {
        List<ImpactRule> out = new ArrayList<>();
        out.addAll(BreakingRules.all());     // IMP001-IMP009: what the change breaks downstream
        out.addAll(FanOutRules.all());       // IMP020-IMP029: joins that multiply an aggregate
        out.addAll(ReadinessRules.all());    // IMP030-IMP039: production readiness of new and changed models
        out.sort(Comparator.comparing(r -> r.meta().id()));
        return List.copyOf(out);
    }
}
