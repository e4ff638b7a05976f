package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;

/** RES091: the production target (residency.target, else the profile's target:) is not in profiles.yml. */
public final class ProductionTargetMissing implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES091", "residency.config.unknown_target", Category.CONFIG,
            Severity.MEDIUM,
            "The production target is not defined in profiles.yml",
            "Where models are written is read from the production target of profiles.yml; when the target the policy "
                    + "names does not exist, no model location can be judged.",
            "Name an existing output of the profile in residency.target, or add the target to profiles.yml.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        var p = model.profile();
        if (p.target().isPresent() || p.file().isEmpty() || p.problem().contains("could not be read")) {
            return List.of();
        }
        return List.of(Finding.of(META, p.file(), Region.line(Math.max(1, p.problemLine())), p.problem()
                + "; model locations could not be judged"));
    }
}
