package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.Optional;

/** A dependency whose license the policy sends to review (by default the restricted category: GPL, LGPL, ...). */
public final class LicenseNeedsReview implements DependencyRule {

    public static final RuleMeta META = new RuleMeta("DEP002", "dependencies.license.needs_review",
            Category.LICENSE, Severity.MEDIUM,
            "Dependency under a license the policy sends to review",
            "Copyleft licenses such as GPL and LGPL are fine in some uses (an internal batch job) and a problem in "
                    + "others (a library shipped to customers). Someone who knows how the code is distributed must "
                    + "decide, before the dependency is merged rather than after.",
            "Ask the owner of license decisions; when accepted, add the license to `licenses.allow` or the package to "
                    + "`licenses.ignore_packages`, or suppress this line with a reason.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public Optional<Finding> judge(Judged d, LicensePolicy policy) {
        return LicenseFinding.when(LicenseJudge.Verdict.REVIEW, META, d, LicenseFinding::licensedAs);
    }
}
