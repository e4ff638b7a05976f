package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.Optional;

/** A dependency whose license the policy denies (by default the forbidden category: AGPL, CC-BY-NC, ...). */
public final class DeniedLicense implements DependencyRule {

    public static final RuleMeta META = new RuleMeta("DEP001", "dependencies.license.denied", Category.LICENSE,
            Severity.HIGH,
            "Dependency under a license the policy denies",
            "A license such as AGPL-3.0 obliges whoever runs the code as a network service to publish the source of "
                    + "the whole program; pulled into a pipeline or a data API it can put proprietary code and "
                    + "customer agreements at risk. Review rarely reads the license of a new dependency.",
            "Choose a package under an allowed license, or have the license reviewed and record the decision in "
                    + "`licenses.allow` or `licenses.ignore_packages` of .lastmile.yml.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public Optional<Finding> judge(Judged d, LicensePolicy policy) {
        return LicenseFinding.when(LicenseJudge.Verdict.DENY, META, d, LicenseFinding::licensedAs);
    }
}
