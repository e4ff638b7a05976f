package dev.lastmile.core.engine;

import java.time.Instant;

/**
 * A check asked for but not run because the policy's {@code checks:} leaves it out. The CLI names it; a check
 * function stores it as a run document marked "not enabled", which the reporter completes as a skipped check run, so
 * a pull request shows why the family has no result instead of a run that never ends.
 *
 * @param check        the check's name
 * @param checkRunName its GitHub check run
 * @param reason       what the user reads: which policy left it out
 * @param at           when the scan decided
 */
public record SkippedCheck(String check, String checkRunName, String reason, Instant at) {
}
