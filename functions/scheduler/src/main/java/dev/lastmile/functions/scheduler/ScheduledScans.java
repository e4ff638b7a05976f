package dev.lastmile.functions.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import dev.lastmile.functions.common.CheckFamily;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubException;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.InstallationTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The nightly full scan: every repository of every installation of the App, at the head of its default branch, goes
 * to every family's queue as a full-scan job. Findings that exist already (a license now forbidden by the policy, a
 * vulnerability published since the code was merged) surface here rather than never.
 *
 * <p>One job per repository and day ({@code full-{head}-{date}}), claimed in the store like the webhook's jobs, so an
 * EventBridge event delivered twice (it is at-least-once) queues nothing twice. Archived and disabled repositories,
 * and empty ones, are skipped. A repository GitHub refuses to describe is counted and skipped, not fatal.
 */
public final class ScheduledScans {

    static final int MAX_PAGES = 50;

    /** What one run did. */
    public record Outcome(int installations, int repositories, int queued, int skipped, List<String> problems) {
    }

    private final GitHubHttp http;
    private final InstallationTokens tokens;
    private final LongFunction<GitHubApi> apis;
    private final ObjectStore store;
    private final MessageSender sender;
    private final Map<CheckFamily, String> queues;
    private final Clock clock;

    public ScheduledScans(GitHubHttp http, InstallationTokens tokens, LongFunction<GitHubApi> apis, ObjectStore store,
                          MessageSender sender, Map<CheckFamily, String> queues, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.apis = apis;
        this.store = store;
        this.sender = sender;
        this.queues = Map.copyOf(queues);
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    public Outcome run(String eventId) {
        List<String> checks = new ArrayList<>();
        for (CheckFamily f : CheckFamily.values()) {
            String q = queues.get(f);
            if (q != null && !q.isBlank()) {
                checks.add(f.check());
            }
        }
        int installations = 0;
        int repositories = 0;
        int queued = 0;
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        if (checks.isEmpty()) {
            return new Outcome(0, 0, 0, 0, List.of("no check queue configured"));
        }
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        for (JsonNode installation : appPaged("/app/installations?per_page=100")) {
            long id = installation.path("id").asLong();
            if (installation.hasNonNull("suspended_at")) {
                continue;
            }
            installations++;
            GitHubApi api = apis.apply(id);
            for (JsonNode repo : api.getPaged("/installation/repositories?per_page=100", "repositories", MAX_PAGES)) {
                repositories++;
                String name = repo.path("full_name").asText();
                if (repo.path("archived").asBoolean(false) || repo.path("disabled").asBoolean(false)
                        || repo.path("size").asInt(1) == 0) {
                    skipped++;
                    continue;
                }
                try {
                    String branch = repo.path("default_branch").asText("main");
                    GitHubHttp.Response head = api.get("/repos/" + name + "/commits/" + java.net.URLEncoder.encode(branch, StandardCharsets.UTF_8));
                    if (head.status() == 404) {
                        skipped++;
                        continue;
                    }
                    String sha = head.json().path("sha").asText();
                    ScanJob job = new ScanJob(ScanJob.fullScanJobId(sha) + "-" + day, name, id, null, sha, null, ScanMode.FULL,
                            checks, "schedule-" + eventId, clock.instant(), null);
                    String claim = "jobs/" + StoreKeys.repository(name) + "/" + StoreKeys.part(job.jobId());
                    String message = Messages.toJson(job);
                    if (!store.putIfAbsent(claim, message.getBytes(StandardCharsets.UTF_8), "application/json")) {
                        skipped++;
                        continue;
                    }
                    for (String check : checks) {
                        sender.send(queues.get(CheckFamily.byCheck(check).orElseThrow()), message, null, null);
                    }
                    queued++;
                } catch (GitHubException | MalformedMessageException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        }
        return new Outcome(installations, repositories, queued, skipped, problems);
    }

    /** The App's own endpoints, authenticated with its JWT, following {@code Link} pages. */
    private List<JsonNode> appPaged(String path) {
        List<JsonNode> out = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = http.send("GET", next, "Bearer " + tokens.appJwt(), null, null);
            if (r.status() == 404) {
                break;
            }
            r.json().forEach(out::add);
            next = r.header("link").map(ScheduledScans::nextLink).orElse(null);
        }
        return out;
    }

    static String nextLink(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
