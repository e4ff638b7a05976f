package dev.lastmile.check.dependencies.client;

import java.time.Duration;
import java.util.Optional;

/** Test access to {@link HttpJson}'s package-private parsing. */
public final class HttpJsonAccess {

    private HttpJsonAccess() {
    }

    public static Optional<Duration> retryAfter(HttpJson http, String header) {
        return http.retryAfter(header);
    }
}
