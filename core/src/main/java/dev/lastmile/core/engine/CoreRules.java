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

    private CoreRules() {
    }

    public static List<RuleMeta> all() {
        return List.of(SUPPRESSION_WITHOUT_REASON, CHECK_FAILED);
    }
}
