package dev.lastmile.core.provenance;

import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether the policy's stricter rules for AI-authored changes ({@code provenance.ai}) applied to a scan, and why:
 * what the reporter and the text report print, and what the audit record keeps.
 *
 * @param configured             the policy has a {@code provenance.ai} section
 * @param applied                it has, and the change has at least one AI-authored commit
 * @param failOn                 the threshold for findings on AI-authored lines (null when not configured)
 * @param reasons                one sentence per rule in force, for people ("3 of 4 commits are AI-authored ...")
 * @param requiredChecks         {@code provenance.ai.require_checks}
 * @param missingChecks          required checks that did not run in this scan (only when applied)
 * @param requiredHumanApprovals {@code provenance.ai.require_human_approvals}; evaluated by the GitHub App only
 */
public record AiGate(boolean configured, boolean applied, Severity failOn, List<String> reasons,
                     List<String> requiredChecks, List<String> missingChecks, int requiredHumanApprovals) {

    public AiGate {
        reasons = List.copyOf(reasons);
        requiredChecks = List.copyOf(requiredChecks);
        missingChecks = List.copyOf(missingChecks);
    }

    /** No {@code provenance.ai} in the policy. */
    public static AiGate off() {
        return new AiGate(false, false, null, List.of(), List.of(), List.of(), 0);
    }

    /**
     * The required checks absent from {@code ran}: what fails the gate when it applies. A check function runs one
     * family, so the GitHub App asks this over every family run of the job, not one function's scan.
     */
    public List<String> missingChecks(Collection<String> ran) {
        if (!applied) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : requiredChecks) {
            if (!ran.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The same gate with the required checks missing from {@code ran} recorded. */
    public AiGate withChecksRun(Collection<String> ran) {
        return new AiGate(configured, applied, failOn, reasons, requiredChecks, missingChecks(ran), requiredHumanApprovals);
    }

    /** Whether the gate itself (not a finding) fails the scan: a required check did not run. */
    public boolean fails() {
        return !missingChecks.isEmpty();
    }

    /** One line for people: empty when the gate did not apply. */
    public String summary() {
        if (!applied) {
            return "";
        }
        StringBuilder b = new StringBuilder("Stricter gate for AI-authored changes (provenance.ai): ");
        b.append(String.join("; ", reasons));
        if (!missingChecks.isEmpty()) {
            b.append("; required checks that did not run: ").append(String.join(", ", missingChecks));
        }
        return b.toString();
    }
}
