package dev.lastmile.github;

import java.time.Instant;

/**
 * GitHub asked us to wait longer than a function should sleep: the caller gives the work back to its queue, which
 * redelivers it after the visibility timeout.
 */
public final class RateLimitedException extends GitHubException {

    private final Instant retryAt;

    public RateLimitedException(int status, Instant retryAt, String message) {
        super(status, message);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }

    /** The rate limit behind a failure, wherever in its cause chain (a source wraps GitHub's errors). */
    public static java.util.Optional<RateLimitedException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RateLimitedException r) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
