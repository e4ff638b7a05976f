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
}
