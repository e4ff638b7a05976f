package dev.lastmile.core.engine;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.provenance.AiGate;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.scan.ScanMode;
import java.util.List;
import java.util.Optional;

/**
 * One scan of one repository by one or more checks.
 *
 * @param repository     {@code owner/name} or the local directory's name
 * @param base           base commit id, null for a full scan
 * @param head           head commit id
 * @param mode           pull request or full
 * @param pullRequest    the pull request's number, when there is one
 * @param policy         the policy that judged it
 * @param policyChanged  true when the change itself edits the policy file (which then does not apply to it)
 * @param runs           one per check, in the order asked for
 * @param toolVersion    lastmile's version
 * @param notEnabled     the checks asked for that the policy's {@code checks:} left out, in the order asked for
 * @param provenance     who wrote the change: each commit's AI verdict and evidence (docs/provenance.md)
 * @param aiGate         whether the policy's stricter rules for AI-authored changes applied, and why
 */
public record ScanResult(String repository, String base, String head, ScanMode mode, Integer pullRequest,
                         Policy policy, boolean policyChanged, List<CheckRun> runs, String toolVersion,
                         List<SkippedCheck> notEnabled, Provenance provenance, AiGate aiGate) {

    public ScanResult {
        runs = List.copyOf(runs);
        notEnabled = notEnabled == null ? List.of() : List.copyOf(notEnabled);
        provenance = provenance == null ? Provenance.unknown() : provenance;
        aiGate = aiGate == null ? AiGate.off() : aiGate;
    }

    /** A scan without provenance (a caller that builds results itself). */
    public ScanResult(String repository, String base, String head, ScanMode mode, Integer pullRequest, Policy policy,
                      boolean policyChanged, List<CheckRun> runs, String toolVersion, List<SkippedCheck> notEnabled) {
        this(repository, base, head, mode, pullRequest, policy, policyChanged, runs, toolVersion, notEnabled, null, null);
    }

    /** A scan in which every check asked for ran. */
    public ScanResult(String repository, String base, String head, ScanMode mode, Integer pullRequest, Policy policy,
                      boolean policyChanged, List<CheckRun> runs, String toolVersion) {
        this(repository, base, head, mode, pullRequest, policy, policyChanged, runs, toolVersion, List.of(), null, null);
    }

    public List<Finding> findings() {
        return runs.stream().flatMap(r -> r.findings().stream()).toList();
    }

    /**
     * Findings over the threshold: new ones in a pull request, all unsuppressed ones in a full scan; a finding on
     * AI-authored lines by the stricter threshold of {@code provenance.ai} where the policy sets one.
     */
    public List<Finding> failing() {
        return runs.stream().flatMap(r -> r.failing(policy.failOn(), mode == ScanMode.FULL).stream()).toList();
    }

    /** True when a finding fails, or the AI gate does (a check it requires did not run). */
    public boolean failed() {
        return !failing().isEmpty() || aiGate.fails();
    }

    public Optional<Integer> pullRequestNumber() {
        return Optional.ofNullable(pullRequest);
    }
}
