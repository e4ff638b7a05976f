package dev.lastmile.check.dependencies.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over {@code java.net.http}: a time-out on every request, retries with exponential backoff and full jitter on
 * connection faults, 5xx and 429 (honouring {@code Retry-After} in seconds or as an HTTP date), and an overall
 * budget, after which every call fails fast so a slow service cannot hold a pull request's check for minutes.
 */
public final class HttpJson {

    /** How to wait between attempts; tests pass a recording sleeper. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * @param requestTimeout time-out of one request
     * @param maxAttempts    attempts per call, the first included
     * @param backoffBase    the first retry waits up to this long, doubling each time
     * @param maxWait        the longest single wait; a longer Retry-After gives up at once
     * @param budget         total time all calls of one scan may take
     * @param maxBody        the largest answer read, in bytes (a 5,000-version deps.dev batch is a few MB)
     */
    public record Settings(Duration requestTimeout, int maxAttempts, Duration backoffBase, Duration maxWait,
                           Duration budget, int maxBody) {
        public Settings(Duration requestTimeout, int maxAttempts, Duration backoffBase, Duration maxWait,
                        Duration budget) {
            this(requestTimeout, maxAttempts, backoffBase, maxWait, budget, DEFAULT_MAX_BODY);
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(20), 4, Duration.ofMillis(500), Duration.ofSeconds(20),
                    Duration.ofSeconds(120));
        }
    }

    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_MAX_BODY = 64 * 1024 * 1024;

    private final HttpClient client;
    private final Settings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Instant deadline;
    private final AtomicInteger requests = new AtomicInteger();
    /** Hosts that could not be reached at all (no route, no name, refused), with why: not asked again this run. */
    private final java.util.Map<String, String> unreachable = new java.util.concurrent.ConcurrentHashMap<>();

    public HttpJson(HttpClient client, Settings settings, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.deadline = clock.instant().plus(settings.budget());
    }

    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** HTTP requests actually sent (retries included): the benchmark's cold-cache figure. */
    public int requestCount() {
        return requests.get();
    }

    public Response get(URI uri) throws ServiceException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public Response post(URI uri, JsonNode body) throws ServiceException {
        try {
            return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new ServiceException("cannot encode request: " + e.getMessage(), e);
        }
    }

    private Response send(HttpRequest.Builder builder) throws ServiceException {
        HttpRequest request = builder.timeout(settings.requestTimeout()).header("Accept", "application/json")
                .header("User-Agent", "lastmile-dependency-check").build();
        String what = request.method() + " " + request.uri().getHost() + request.uri().getRawPath();
        String lastProblem = "no attempt made";
        String host = String.valueOf(request.uri().getHost());
        String down = unreachable.get(host);
        if (down != null) {
            throw new ServiceException(what + ": " + host + " is unreachable (" + down + "), not asked again");
        }
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (clock.instant().isAfter(deadline)) {
                throw new ServiceException(what + ": network time budget of " + settings.budget().toSeconds()
                        + " s used up (" + lastProblem + ")");
            }
            Duration wait;
            try {
                requests.incrementAndGet();
                HttpResponse<byte[]> r = exchange(request);
                int status = r.statusCode();
                if (status == 429 || status / 100 == 5) {
                    lastProblem = "HTTP " + status;
                    Optional<Duration> retryAfter = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
                    if (retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxWait()) > 0) {
                        throw new ServiceException(what + ": HTTP " + status + ", asked to retry after "
                                + retryAfter.get().toSeconds() + " s");
                    }
                    int n = attempt;
                    wait = retryAfter.orElseGet(() -> backoff(n));
                } else {
                    return new Response(status, parse(r.body(), status, what));
                }
            } catch (TooLarge e) {
                throw new ServiceException(what + ": " + e.getMessage());
            } catch (HttpTimeoutException e) {
                if (e instanceof java.net.http.HttpConnectTimeoutException) {
                    unreachable.putIfAbsent(host, "could not connect in time");
                    throw new ServiceException(what + ": " + host + " is unreachable (could not connect in time)");
                }
                lastProblem = "timed out after " + settings.requestTimeout().toSeconds() + " s";
                wait = backoff(attempt);
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (isNoConnection(e)) {
                    // no network, no name, nothing listening: retrying with backoff only makes the run slow, and
                    // every later request to the host would fail the same way (the run ends incomplete, at once)
                    unreachable.putIfAbsent(host, lastProblem);
                    throw new ServiceException(what + ": " + host + " is unreachable (" + lastProblem + ")");
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(what + ": interrupted");
            }
            if (attempt < settings.maxAttempts()) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceException(what + ": interrupted");
                }
            }
        }
        throw new ServiceException(what + ": " + lastProblem + " after " + settings.maxAttempts() + " attempts");
    }

    /** True for faults that mean no connection could be made at all, as opposed to a slow or broken answer. */
    static boolean isNoConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Full jitter: a random wait between 0 and base * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long cap = settings.backoffBase().toMillis() << Math.min(attempt - 1, 16);
        cap = Math.min(cap, settings.maxWait().toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(h))));
        } catch (NumberFormatException e) {
            try {
                Instant when = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), when);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException ignored) {
                return Optional.empty();
            }
        }
    }

    /**
     * One exchange, bounded in time as a whole (the request time-out alone covers only the wait for the headers, so a
     * server trickling its body could hold the scan) and in size ({@link Settings#maxBody()}).
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> capped(settings.maxBody()));
        try {
            return future.get(settings.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + settings.requestTimeout().toSeconds() * 2 + " s");
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The body as bytes, abandoned as soon as it passes {@code maxBody}. */
    private static HttpResponse.BodySubscriber<byte[]> capped(int maxBody) {
        HttpResponse.BodySubscriber<byte[]> inner = HttpResponse.BodySubscribers.ofByteArray();
        return new HttpResponse.BodySubscriber<>() {
            private long seen;
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return inner.getBody();
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                inner.onSubscribe(s);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    seen += b.remaining();
                }
                if (seen > maxBody) {
                    subscription.cancel();
                    inner.onError(new TooLarge("answer larger than " + maxBody + " bytes"));
                    return;
                }
                inner.onNext(items);
            }

            @Override
            public void onError(Throwable t) {
                inner.onError(t);
            }

            @Override
            public void onComplete() {
                inner.onComplete();
            }
        };
    }

    /** An answer over the size limit: not retried, the service would send it again. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private static JsonNode parse(byte[] body, int status, String what) throws ServiceException {
        if (body.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            if (status / 100 != 2) {
                return JSON.nullNode(); // an error page; the status says enough
            }
            throw new ServiceException(what + ": answer is not JSON");
        }
    }
}
