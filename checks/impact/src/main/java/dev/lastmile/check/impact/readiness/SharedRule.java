package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.util.List;
import java.util.function.BiFunction;

/** A rule whose check is shared with sibling rules of one class and told apart by its metadata. */
record SharedRule(RuleMeta meta, BiFunction<ImpactContext, RuleMeta, List<Finding>> judge) implements ImpactRule {

    @Override
    public List<Finding> check(ImpactContext change) {
        return judge.apply(change, meta);
    }
}
