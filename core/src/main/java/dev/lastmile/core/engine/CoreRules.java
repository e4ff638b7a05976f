package dev.lastmile.core.engine;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;

/** Rules the engine itself reports, whatever the check. */
public final class CoreRules {

    public static final RuleMeta SUPPRESSION_WITHOUT_REASON = new RuleMeta(
            "LM001", "lastmile.suppression.missing_reason", Category.CONFIG, Severity.LOW,
            "Suppression without a reason",
            "A lastmile:ignore comment silences a real finding. Without a reason the next reader cannot tell a "
                    + "deliberate exception from a way to get a pull request through.",
            "Add the reason after two dashes: lastmile:ignore SQL001 -- consented export, see TICKET-12. Until then "
                    + "the finding it names stays active.");

    public static final RuleMeta CHECK_FAILED = new RuleMeta(
            "LM002", "lastmile.check.failed", Category.CONFIG, Severity.INFO,
            "A check could not finish",
            "A check that fails on unexpected input must say so rather than pass silently.",
            "Report the message to the lastmile maintainers; the rest of the scan is unaffected.");

    public static final RuleMeta FILE_NOT_FULLY_READ = new RuleMeta(
            "LM003", "lastmile.file.not_fully_read", Category.CONFIG, Severity.INFO,
            "A file was not fully read",
            "A file that is binary-looking or over the size limit can still hold a credential or a model. Reading "
                    + "it only in part, or as text it may not be, must be said, never passed over in silence.",
            "Nothing to fix if the file is what it seems (a data dump, an image). If it is text, check its encoding; "
                    + "if it is generated and large, keep it out of the repository or list it under 'ignore' in "
                    + ".lastmile.yml with a comment saying why.");

    public static final RuleMeta ANALYSIS_UNFINISHED = new RuleMeta(
            "LM004", "lastmile.analysis.unfinished", Category.CONFIG, Severity.INFO,
            "An analysis did not finish within its time budget",
            "One pathological file (a template that loops for minutes, a deeply nested document) must not take the "
                    + "scan's other results down, nor pass in silence: the engine stops waiting for it and says what "
                    + "was not judged.",
            "If the file is legitimate and large, raise limits.file_seconds (or limits.check_seconds) in "
                    + ".lastmile.yml; if it should not be analysed, list it under 'ignore'. Otherwise report the file's "
                    + "shape to the lastmile maintainers.");

    private CoreRules() {
    }

    public static List<RuleMeta> all() {
        return List.of(SUPPRESSION_WITHOUT_REASON, CHECK_FAILED, FILE_NOT_FULLY_READ, ANALYSIS_UNFINISHED);
    }
}
