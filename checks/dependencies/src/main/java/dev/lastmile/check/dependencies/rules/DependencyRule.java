package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.util.Optional;

/** A rule judging one dependency the change brings in. */
public interface DependencyRule {

    RuleMeta meta();

    /** The finding for {@code dependency}, if this rule has one. */
    Optional<Finding> judge(Judged dependency, LicensePolicy policy);
}
