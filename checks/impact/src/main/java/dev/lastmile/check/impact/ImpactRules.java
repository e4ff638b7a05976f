package dev.lastmile.check.impact;

import dev.lastmile.check.impact.breaking.BreakingRules;
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
        // fan-out (IMP010-IMP019) and readiness (IMP020-IMP029) register their lists here
        out.sort(Comparator.comparing(r -> r.meta().id()));
        return List.copyOf(out);
    }
}
