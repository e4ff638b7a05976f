package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.Optional;

/** A dependency with no license, a non-standard one, or one no category knows: reported, never passed. */
public final class UnknownLicense implements DependencyRule {

    public static final RuleMeta META = new RuleMeta("DEP003", "dependencies.license.unknown", Category.LICENSE,
            Severity.MEDIUM,
            "Dependency whose license is unknown or non-standard",
            "Code without a license grants no rights at all, and a custom license can hide any term (no commercial "
                    + "use, a field-of-use restriction). Neither can be judged automatically, so neither may pass "
                    + "silently.",
            "Read the package's license; if acceptable add its SPDX id (or LicenseRef) to `licenses.allow`, or the "
                    + "package to `licenses.ignore_packages`.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public Optional<Finding> judge(Judged d, LicensePolicy policy) {
        return LicenseFinding.when(LicenseJudge.Verdict.UNKNOWN, META, d, x -> x.display() + ": " + x.judgement().reason() + ".");
    }
}
