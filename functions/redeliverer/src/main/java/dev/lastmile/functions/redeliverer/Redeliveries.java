package dev.lastmile.functions.redeliverer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubException;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.InstallationTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub does not redeliver a webhook delivery that failed (no answer within 10 s, or a 5xx): this asks it to. The
 * App's recent deliveries ({@code GET /app/hook/deliveries}, newest first, as the App's JWT) are grouped by delivery
 * ({@code guid}: a redelivery keeps it); a delivery none of whose attempts succeeded is redelivered once per run
 * ({@code POST /app/hook/deliveries/{id}/attempts}), until it has had {@link #MAX_ATTEMPTS} attempts. The webhook
 * claims each delivery id, so a delivery that did its work but whose answer was lost is acknowledged as a duplicate.
 */
public final class Redeliveries {

    /** Deliveries older than this are not looked at (GitHub keeps three days; the schedule runs far more often). */
    static final Duration LOOK_BACK = Duration.ofHours(6);
    /** Attempts of one delivery (the first included) after which it is left alone: the webhook's alarm tells. */
    static final int MAX_ATTEMPTS = 5;
    /** Redeliveries asked for in one run at most, so an outage's backlog does not hit GitHub at once. */
    static final int MAX_PER_RUN = 100;
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 20;

    /** What one run did, for the log. */
    public record Outcome(int deliveries, int failed, int redelivered, int exhausted, List<String> problems) {
    }

    private final GitHubHttp http;
    private final InstallationTokens tokens;
    private final Clock clock;

    public Redeliveries(GitHubHttp http, InstallationTokens tokens, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    private record Attempts(long latestId, int count, boolean succeeded) {
    }

    public Outcome run() {
        Instant since = clock.instant().minus(LOOK_BACK);
        Map<String, Attempts> byDelivery = new LinkedHashMap<>();
        int seen = 0;
        String next = "/app/hook/deliveries?per_page=" + PAGE_SIZE;
        pages:
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = http.send("GET", next, "Bearer " + tokens.appJwt(), null, null);
            if (r.status() == 404) {
                throw new GitHubException(404, "the App has no webhook to list deliveries of");
            }
            for (JsonNode d : r.json()) {
                if (deliveredAt(d).isBefore(since)) {
                    break pages; // newest first: the rest are older still
                }
                seen++;
                String guid = d.path("guid").asText("");
                if (guid.isEmpty()) {
                    continue;
                }
                boolean ok = d.path("status_code").asInt(0) >= 200 && d.path("status_code").asInt(0) < 300;
                Attempts a = byDelivery.get(guid);
                // the first entry seen of a guid is its latest attempt (newest first)
                byDelivery.put(guid, a == null ? new Attempts(d.path("id").asLong(), 1, ok)
                        : new Attempts(a.latestId(), a.count() + 1, a.succeeded() || ok));
            }
            next = r.header("link").map(GitHubApi::nextLink).orElse(null);
        }
        int failed = 0;
        int redelivered = 0;
        int exhausted = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Attempts> e : byDelivery.entrySet()) {
            Attempts a = e.getValue();
            if (a.succeeded()) {
                continue;
            }
            failed++;
            if (a.count() >= MAX_ATTEMPTS) {
                exhausted++;
                continue;
            }
            if (redelivered >= MAX_PER_RUN) {
                continue; // the next run takes them
            }
            try {
                GitHubHttp.Response r = http.send("POST", "/app/hook/deliveries/" + a.latestId() + "/attempts",
                        "Bearer " + tokens.appJwt(), null, null);
                if (r.ok()) {
                    redelivered++;
                } else {
                    problems.add(e.getKey() + ": GitHub answered " + r.status());
                }
            } catch (GitHubException ex) {
                problems.add(e.getKey() + ": " + ex.getMessage());
            }
        }
        return new Outcome(seen, failed, redelivered, exhausted, problems);
    }

    private static Instant deliveredAt(JsonNode d) {
        try {
            return Instant.parse(d.path("delivered_at").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
