package dev.lastmile.core.engine;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one check over one scan, after the engine applied the policy: statuses, suppressions,
 * severities and fingerprints are final.
 *
 * @param check        the check's name
 * @param checkRunName the GitHub check run's name
 * @param rules        the rules the check can report (for SARIF rule metadata)
 * @param findings     every finding, suppressed ones included, sorted by path, line, rule
 * @param filesScanned how many files the check looked at
 * @param incomplete   what the check could not judge
 * @param startedAt    when the check started
 * @param durationMs   how long it took
 */
public record CheckRun(String check, String checkRunName, List<RuleMeta> rules, List<Finding> findings,
                       int filesScanned, List<String> incomplete, Instant startedAt, long durationMs) {

    public CheckRun {
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        incomplete = List.copyOf(incomplete);
    }

    /**
     * Findings that fail the run: unsuppressed, at or above {@code threshold} (or the stricter threshold the policy's
     * {@code provenance.ai} set on a finding on AI-authored lines), and new unless {@code countExisting}.
     * Coverage notices never fail a run (issue 16): they describe lastmile, not the change.
     */
    public List<Finding> failing(Severity threshold, boolean countExisting) {
        return findings.stream()
                .filter(f -> f.status() != FindingStatus.SUPPRESSED)
                .filter(f -> !f.isCoverageNotice())
                .filter(f -> countExisting || f.status() == FindingStatus.NEW)
                .filter(f -> f.severity().atLeast(f.failOn(threshold)))
                .toList();
    }

    /** The unsuppressed coverage notices of this run (see {@link Finding#isCoverageNotice()}). */
    public List<Finding> coverageNotices() {
        return findings.stream().filter(f -> f.status() != FindingStatus.SUPPRESSED && f.isCoverageNotice()).toList();
    }
}
