package dev.lastmile.core.scan;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import java.time.Duration;
import java.util.Set;

/**
 * How long one file's analysis and one check may take before the engine stops waiting for them and says so
 * (LM004 and an {@code incomplete} note), so one pathological file or one stuck check cannot take the scan's other
 * results down. Set by the policy's {@code limits:} section.
 *
 * <p>Defaults, and why: a file's analysis (parsing, rendering, every detector) takes milliseconds and the slowest
 * legitimate files measured take well under a second, so {@value #DEFAULT_FILE_SECONDS} s is far beyond honest work
 * and still leaves a Lambda function time for the other files. A check gets {@value #DEFAULT_CHECK_SECONDS} s, a
 * Lambda function's longest possible run: a check that takes longer is stuck, not slow. In a Lambda function the
 * engine's deadline (the function's remaining time less what storing and reporting need) caps both.
 *
 * @param perFile  one file's analysis within one check
 * @param perCheck one check over the whole scan
 */
public record Budgets(Duration perFile, Duration perCheck) {

    public static final int DEFAULT_FILE_SECONDS = 30;
    public static final int DEFAULT_CHECK_SECONDS = 900;
    /** The policy's section and its keys. */
    public static final String SECTION = "limits";
    private static final Set<String> KEYS = Set.of("file_seconds", "check_seconds");

    public Budgets {
        if (perFile.isNegative() || perFile.isZero() || perCheck.isNegative() || perCheck.isZero()) {
            throw new IllegalArgumentException("budgets must be positive: " + perFile + ", " + perCheck);
        }
    }

    public static Budgets defaults() {
        return new Budgets(Duration.ofSeconds(DEFAULT_FILE_SECONDS), Duration.ofSeconds(DEFAULT_CHECK_SECONDS));
    }

    /** The policy's {@code limits:} (validated: whole seconds from 1 to 3600), else the defaults. */
    public static Budgets from(Policy policy) {
        PolicyNode limits = policy.section(SECTION);
        if (!limits.isPresent()) {
            return defaults();
        }
        limits.requireOnly(KEYS);
        return new Budgets(Duration.ofSeconds(limits.get("file_seconds").asInt(DEFAULT_FILE_SECONDS, 1, 3600)),
                Duration.ofSeconds(limits.get("check_seconds").asInt(DEFAULT_CHECK_SECONDS, 1, 3600)));
    }

    /** How a budget reads in a note: {@code 30 s (limits.file_seconds)}. */
    public static String describe(Duration budget, String key) {
        long ms = budget.toMillis();
        String amount = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        return amount + " (" + key + ")";
    }
}
