package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/** A file over the size limit was not scanned; the check run reports itself incomplete. */
public final class FileTooLarge {

    public static final RuleMeta META = new RuleMeta(
            "SEC091", "secrets.file_too_large", Category.PARSE, Severity.INFO,
            "File too large to scan for credentials",
            "Very large files (data dumps, generated bundles) are skipped to keep every scan fast. A skipped file is "
                    + "not a pass: the check run says it is incomplete.",
            "Keep generated and data files out of the repository, or list them under the policy's ignore globs; "
                    + "raise secrets.max_file_kb if the file must be scanned.");

    private FileTooLarge() {
    }
}
