package dev.lastmile.core.scan;

import dev.lastmile.core.model.Finding;
import java.util.List;

/**
 * What one check produced.
 *
 * @param findings     findings, not yet given a status or fingerprint (the engine does that)
 * @param filesScanned how many files the check looked at
 * @param incomplete   what the check could not judge and why (a dependency whose license could not be fetched, a
 *                     file over the size limit). Non-empty means the outcome is at best neutral, never a silent pass.
 */
public record CheckResult(List<Finding> findings, int filesScanned, List<String> incomplete) {

    public CheckResult {
        findings = List.copyOf(findings);
        incomplete = incomplete == null ? List.of() : List.copyOf(incomplete);
    }

    public CheckResult(List<Finding> findings, int filesScanned) {
        this(findings, filesScanned, List.of());
    }

    public boolean isComplete() {
        return incomplete.isEmpty();
    }
}
