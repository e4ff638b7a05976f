package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.LicensePolicy;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.Optional;

/** A manifest or lockfile (or one line of it) that cannot be read: its dependencies cannot be judged. */
public final class MalformedManifest implements DependencyRule {

    public static final RuleMeta META = new RuleMeta("DEP090", "dependencies.manifest.malformed", Category.CONFIG,
            Severity.LOW,
            "Dependency manifest that cannot be read",
            "A manifest the package manager cannot read either breaks the build, or, worse, is read differently by "
                    + "different tools; in both cases its dependencies escape the license and vulnerability checks.",
            "Fix the syntax at the line given (the package manager's own command, such as `pip install -r`, "
                    + "`npm install` or `poetry lock`, reports the same problem).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public Optional<Finding> judge(Judged d, LicensePolicy policy) {
        return Optional.empty(); // reported per file by the check, not per dependency
    }

    public static Finding at(String path, int line, String problem) {
        return Finding.of(META, path, Region.line(Math.max(1, line)), path + " line " + line + ": " + problem + ".")
                .withFingerprintKey(path + "|malformed|" + problem);
    }
}
