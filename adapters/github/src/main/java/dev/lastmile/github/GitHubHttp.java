package dev.lastmile.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one GitHub REST client every function shares, on {@link HttpClient} (which, unlike the SDK's URL-connection
 * client, can send PATCH). It retries what GitHub documents as retryable:
 * <ul>
 *   <li>5xx and connection failures: exponential backoff with full jitter;</li>
 *   <li>403/429 rate limits: {@code retry-after} seconds when given; else, when {@code x-ratelimit-remaining} is 0,
 *       until {@code x-ratelimit-reset}; else (a secondary limit without headers) at least a minute, doubling;</li>
 * </ul>
 * A wait longer than {@link RetryPolicy#maxWait()} is not slept in a Lambda: it becomes a
 * {@link RateLimitedException} so the message goes back to its queue. Other 4xx answers are not retried.
 */
public final class GitHubHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    public static final URI DEFAULT_API = URI.create("https://api.github.com");

    /**
     * @param maxAttempts attempts in all, the first included
     * @param baseDelay   the first backoff for 5xx (doubled per attempt, jittered)
     * @param maxWait     the longest single wait this process will sleep
     */
    public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxWait) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    /** Sleeping is a parameter so tests can run GitHub's retry rules without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** One answer. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return body.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(body);
            } catch (IOException e) {
                throw new GitHubException(status, "GitHub answered with invalid JSON: " + e.getMessage());
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI apiRoot;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final String userAgent;

    public GitHubHttp(URI apiRoot, HttpClient http, Clock clock, Sleeper sleeper, RetryPolicy retry) {
        String root = Objects.requireNonNull(apiRoot, "apiRoot").toString();
        this.apiRoot = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
        this.retry = retry == null ? RetryPolicy.DEFAULT : retry;
        this.userAgent = "lastmile/" + dev.lastmile.core.Version.current();
    }

    /** A client for {@code apiRoot} (null: api.github.com) with real time and the default retry policy. */
    public static GitHubHttp create(URI apiRoot) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                // archives redirect to codeload.github.com
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new GitHubHttp(apiRoot == null ? DEFAULT_API : apiRoot, http, Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT);
    }

    public URI apiRoot() {
        return apiRoot;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Sends one request with retries.
     *
     * @param method        GET, POST, PATCH, PUT, DELETE
     * @param pathOrUrl     {@code /repos/o/r/...} under the API root, or an absolute URL from a {@code Link} header
     * @param authorization the whole header value ({@code Bearer ...}), or null
     * @param body          a JSON body, or null
     * @param accept        the media type, null for {@code application/vnd.github+json}
     * @return the answer, when 2xx or 404 (callers decide what absence means)
     */
    public Response send(String method, String pathOrUrl, String authorization, JsonNode body, String accept) {
        URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? URI.create(pathOrUrl) : URI.create(apiRoot + pathOrUrl);
        if (createsContent(method, uri)) {
            paceContentCreation(method, uri);
        }
        byte[] payload = body == null ? null : bytes(body);
        Duration secondaryBackoff = Duration.ofMinutes(1);
        for (int attempt = 1; ; attempt++) {
            Response r;
            try {
                r = once(method, uri, authorization, payload, accept);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new GitHubException("GitHub unreachable after " + attempt + " attempts: " + e.getMessage(), e);
                }
                pause(backoff(attempt), 0, uri);
                continue;
            }
            if (r.ok() || r.status() == 404 || r.status() == 304) {
                return r;
            }
            if (isRateLimited(r)) {
                Duration wait = rateLimitWait(r, secondaryBackoff);
                secondaryBackoff = secondaryBackoff.multipliedBy(2);
                if (attempt >= retry.maxAttempts() || wait.compareTo(retry.maxWait()) > 0) {
                    throw new RateLimitedException(r.status(), clock.instant().plus(wait),
                            "GitHub rate limit on " + method + " " + uri.getPath() + ": retry after " + wait.toSeconds() + " s");
                }
                pause(wait, r.status(), uri);
                continue;
            }
            if (r.status() >= 500 && attempt < retry.maxAttempts()) {
                pause(backoff(attempt), r.status(), uri);
                continue;
            }
            throw new GitHubException(r.status(), "GitHub answered " + r.status() + " to " + method + " "
                    + uri.getPath() + ": " + errorMessage(r));
        }
    }

    private Response once(String method, URI uri, String authorization, byte[] payload, String accept)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept == null ? "application/vnd.github+json" : accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", userAgent);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (payload != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(resp.statusCode(), resp.headers(), resp.body() == null ? new byte[0] : resp.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException("interrupted while calling GitHub", e);
        }
    }

    /** GitHub's secondary limits on requests that create content (check runs, comments, their updates). */
    public static final int CONTENT_PER_MINUTE = 80;
    public static final int CONTENT_PER_HOUR = 500;

    /** When this process sent its recent content-creating requests, oldest first (at most an hour's). */
    private final java.util.ArrayDeque<Instant> contentSent = new java.util.ArrayDeque<>();

    static boolean createsContent(String method, URI uri) {
        // the App's own token and redelivery requests create nothing in a repository
        return !method.equals("GET") && !method.equals("HEAD") && !uri.getPath().startsWith("/app/");
    }

    /**
     * Keeps this process within GitHub's content-creation limits (80 a minute, 500 an hour) instead of running into
     * them: a request that would exceed one waits until it would not, when that is within {@link RetryPolicy#maxWait()};
     * otherwise it is not sent and a {@link RateLimitedException} says when it may be (the queue holds the work until
     * then). The function's concurrency (the template) bounds how many processes share the App's limits.
     */
    private void paceContentCreation(String method, URI uri) {
        Duration wait;
        synchronized (contentSent) {
            Instant now = clock.instant();
            while (!contentSent.isEmpty() && !contentSent.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
                contentSent.pollFirst();
            }
            wait = Duration.ZERO;
            if (contentSent.size() >= CONTENT_PER_HOUR) {
                wait = Duration.between(now, contentSent.peekFirst().plus(Duration.ofHours(1)));
            }
            Instant minuteAgo = now.minus(Duration.ofMinutes(1));
            List<Instant> lastMinute = contentSent.stream().filter(t -> t.isAfter(minuteAgo)).toList();
            if (lastMinute.size() >= CONTENT_PER_MINUTE) {
                Duration w = Duration.between(now, lastMinute.get(lastMinute.size() - CONTENT_PER_MINUTE).plus(Duration.ofMinutes(1)));
                wait = w.compareTo(wait) > 0 ? w : wait;
            }
            if (wait.compareTo(retry.maxWait()) > 0) {
                throw new RateLimitedException(0, now.plus(wait), "GitHub's content-creation limit (" + CONTENT_PER_MINUTE
                        + " a minute, " + CONTENT_PER_HOUR + " an hour) reached before " + method + " " + uri.getPath()
                        + ": retry after " + wait.toSeconds() + " s");
            }
        }
        if (!wait.isZero() && !wait.isNegative()) {
            pause(wait, 0, uri);
        }
        synchronized (contentSent) {
            contentSent.addLast(clock.instant());
        }
    }

    /** 429 always; 403 only when GitHub says it is a limit (headers or message), not a missing permission. */
    static boolean isRateLimited(Response r) {
        if (r.status() == 429) {
            return true;
        }
        if (r.status() != 403) {
            return false;
        }
        if (r.header("retry-after").isPresent() || "0".equals(r.header("x-ratelimit-remaining").orElse(null))) {
            return true;
        }
        return r.text().toLowerCase(Locale.ROOT).contains("rate limit");
    }

    Duration rateLimitWait(Response r, Duration secondaryBackoff) {
        Optional<String> retryAfter = r.header("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().strip())));
            } catch (NumberFormatException e) {
                // an HTTP date is allowed too, but GitHub sends seconds; fall through to the other rules
            }
        }
        if ("0".equals(r.header("x-ratelimit-remaining").orElse(null))) {
            try {
                long reset = Long.parseLong(r.header("x-ratelimit-reset").orElse("").strip());
                Duration until = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
                return until.isNegative() ? Duration.ZERO : until.plusSeconds(1);
            } catch (NumberFormatException e) {
                return secondaryBackoff;
            }
        }
        return secondaryBackoff;
    }

    /**
     * Full jitter: a random wait up to base × 2^(attempt-1), so retries from many Lambdas do not align. The random
     * draw is seeded from the clock at the call: environments restored from one SnapStart snapshot share every seed
     * taken before it, and would otherwise all wait exactly as long.
     */
    Duration backoff(int attempt) {
        long cap = retry.baseDelay().toMillis() << Math.min(attempt - 1, 10);
        long seed = System.nanoTime() ^ Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
        return Duration.ofMillis(new java.util.SplittableRandom(seed).nextLong(cap / 2, cap + 1));
    }

    private void pause(Duration d, int status, URI uri) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(status, "interrupted while waiting to retry " + uri.getPath());
        }
    }

    private static String errorMessage(Response r) {
        try {
            JsonNode n = MAPPER.readTree(r.body());
            if (n != null && n.hasNonNull("message")) {
                String m = n.get("message").asText();
                return m.length() > 300 ? m.substring(0, 300) + "…" : m;
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        String t = r.text();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
