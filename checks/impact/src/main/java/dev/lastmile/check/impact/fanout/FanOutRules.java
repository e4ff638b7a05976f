package dev.lastmile.check.impact.fanout;

import dev.lastmile.check.impact.ImpactRule;
import java.util.List;

/** The join fan-out rules (category {@code correctness}), IMP020-IMP029. */
public final class FanOutRules {

    private FanOutRules() {
    }

    public static List<ImpactRule> all() {
        return List.of(new JoinFanOut());
    }
}
