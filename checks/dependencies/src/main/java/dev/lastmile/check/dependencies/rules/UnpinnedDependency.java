package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.Optional;

/**
 * A dependency declared with a range (or no version) and no lockfile beside it to pin what gets installed. It is
 * judged at the newest release the range admits, which is what a fresh install picks today.
 */
public final class UnpinnedDependency implements DependencyRule {

    public static final RuleMeta META = new RuleMeta("DEP020", "dependencies.version.unpinned",
            Category.VULNERABILITY, Severity.LOW,
            "Dependency version not pinned",
            "With `requests>=2` every deployment may install a different release: a new license, a new "
                    + "vulnerability or a compromised release arrives without a pull request, and a job that worked "
                    + "yesterday fails or misbehaves today. What was reviewed is not what runs.",
            "Pin the exact version (`==` in requirements files, an exact version in package.json, a `revision` for "
                    + "dbt git packages) or commit the lockfile your tool writes (poetry.lock, uv.lock, "
                    + "package-lock.json, ...).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public Optional<Finding> judge(Judged d, LicensePolicy policy) {
        if (d.pkg().isPinned() || !d.pkg().fromRegistry() || d.resolution() == null) {
            return Optional.empty();
        }
        String what = d.pkg().constraint() == null ? d.pkg().name() + " has no version constraint"
                : d.pkg().name() + " " + d.pkg().constraint() + " is a range";
        return Optional.of(Finding.of(META, d.path(), Region.line(d.pkg().line()),
                        what + " and no lockfile pins it: " + d.resolution() + ".")
                .withProperty("purl", d.purl())
                .withFingerprintKey(d.identity() + "|unpinned"));
    }
}
