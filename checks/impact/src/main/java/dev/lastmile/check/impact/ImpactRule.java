package dev.lastmile.check.impact;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.util.List;

/**
 * One rule of the impact family: reads the change (the dbt project at base and at head, through {@link ImpactContext})
 * and reports findings. Rules live in sub-packages by concern: {@code breaking} (what the change breaks downstream),
 * {@code fanout} (join fan-out), {@code readiness} (production readiness of new and changed models).
 */
public interface ImpactRule {

    RuleMeta meta();

    List<Finding> check(ImpactContext change);
}
