package dev.lastmile.functions.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import dev.lastmile.core.scan.CheckFamily;
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
import java.util.function.LongSupplier;

/**
 * The nightly full scan: every repository of every installation of the App, at the head of its default branch, goes
 * to every family's queue as a full-scan job. Findings that exist already (a license now forbidden by the policy, a
 * vulnerability published since the code was merged) surface here rather than never.
 *
 * <p>One job per repository and day ({@code full-{head}-{date}}), claimed in the store like the webhook's jobs, so an
 * EventBridge event delivered twice (it is at-least-once) queues nothing twice. Archived and disabled repositories,
 * and empty ones, are skipped; so is a repository whose head already has a complete full scan (a run document of
 * every family) from the last seven days; an unmoved head is still scanned weekly, so vulnerabilities published
 * since its last scan surface. A repository GitHub refuses to describe is counted and skipped, not fatal. What was decided for each
 * repository, and why, is recorded in the store under {@code schedules/<day>/<event id>.json}.
 */
public final class ScheduledScans {

    static final int MAX_PAGES = 50;

    /** What one run did. */
    public record Outcome(int installations, int repositories, int queued, int skipped, List<String> problems,
                          String decisionsKey, boolean complete) {
    }

    /** A claimed job waiting to be sent. */
    private record Pending(String repository, String claim, String jobId, String message) {
    }

    /** Where each run records what it decided for every repository, and why. */
    static String decisionsKey(String day, String eventId) {
        return StoreKeys.scheduleDecisions(day, eventId);
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
        return run(eventId, () -> Long.MAX_VALUE);
    }

    /** Stop claiming repositories when less than this is left of the invocation: the rest goes to Lambda's retry. */
    static final long STOP_WITH_MILLIS_LEFT = 30_000;
    /** Claimed jobs are sent at most this many at a time (one SendMessageBatch per queue), never all at the end. */
    static final int SEND_EVERY = 10;

    /**
     * As {@link #run(String)}, within a time budget. Each claimed job is sent within {@link #SEND_EVERY} claims, so a
     * run that ends early (a time-out, a crash) leaves few claims without their message, and those are released when
     * the send fails. When less than {@link #STOP_WITH_MILLIS_LEFT} remains, it stops and says so
     * ({@link Outcome#complete()} false): a second run the same day skips what this one claimed and continues.
     *
     * @param remainingMillis the invocation's remaining time (the Lambda context's)
     */
    public Outcome run(String eventId, LongSupplier remainingMillis) {
        List<String> checks = new ArrayList<>();
        for (CheckFamily f : CheckFamily.values()) {
            String q = queues.get(f);
            if (q != null && !q.isBlank()) {
                checks.add(f.check());
            }
        }
        if (checks.isEmpty()) {
            return new Outcome(0, 0, 0, 0, List.of("no check queue configured"), null, true);
        }
        Progress p = new Progress(checks);
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        boolean complete = true;
        installations:
        for (JsonNode installation : appPaged("/app/installations?per_page=100")) {
            long id = installation.path("id").asLong();
            if (installation.hasNonNull("suspended_at")) {
                continue;
            }
            p.installations++;
            GitHubApi api = apis.apply(id);
            for (JsonNode repo : api.getPaged("/installation/repositories?per_page=100", "repositories", MAX_PAGES)) {
                if (remainingMillis.getAsLong() < STOP_WITH_MILLIS_LEFT) {
                    complete = false;
                    p.problems.add("time ran out after " + p.repositories + " repositories; the next run of the day continues");
                    break installations;
                }
                p.repositories++;
                decide(p, id, api, repo, day, eventId);
                if (p.pending.size() >= SEND_EVERY) {
                    send(p);
                }
            }
        }
        send(p);
        String key = decisionsKey(day, eventId);
        ObjectNode record = Json.object().put("eventId", eventId).put("day", day).put("queued", p.queued)
                .put("skipped", p.skipped).put("complete", complete);
        p.decisions.forEach(record.putObject("repositories")::put);
        store.put(key, Json.pretty(record).getBytes(StandardCharsets.UTF_8), "application/json");
        return new Outcome(p.installations, p.repositories, p.queued, p.skipped, p.problems, key, complete);
    }

    /** What one run has done so far. */
    private static final class Progress {
        final List<String> checks;
        int installations;
        int repositories;
        int queued;
        int skipped;
        final List<String> problems = new ArrayList<>();
        final Map<String, String> decisions = new java.util.LinkedHashMap<>();
        final List<Pending> pending = new ArrayList<>();

        Progress(List<String> checks) {
            this.checks = checks;
        }
    }

    /** Skips the repository or claims its job for the day (the job then waits in {@code p.pending} to be sent). */
    private void decide(Progress p, long installationId, GitHubApi api, JsonNode repo, String day, String eventId) {
        String name = repo.path("full_name").asText();
        if (repo.path("archived").asBoolean(false) || repo.path("disabled").asBoolean(false)
                || repo.path("size").asInt(1) == 0) {
            p.skipped++;
            p.decisions.put(name, "skipped: archived, disabled or empty");
            return;
        }
        try {
            String branch = repo.path("default_branch").asText("main");
            GitHubHttp.Response head = api.get("/repos/" + name + "/commits/" + java.net.URLEncoder.encode(branch, StandardCharsets.UTF_8));
            if (head.status() == 404) {
                p.skipped++;
                p.decisions.put(name, "skipped: its default branch " + branch + " has no commit");
                return;
            }
            String sha = head.json().path("sha").asText();
            if (completelyScanned(name, sha, p.checks, LocalDate.parse(day))) {
                p.skipped++;
                p.decisions.put(name, "skipped: " + sha + " is unchanged since its complete full scan of the last "
                        + RESCAN_AFTER_DAYS + " days");
                return;
            }
            ScanJob job = new ScanJob(ScanJob.fullScanJobId(sha, LocalDate.parse(day)), name, installationId, null, sha, null,
                    ScanMode.FULL, p.checks, "schedule-" + eventId, clock.instant(), null);
            String claim = StoreKeys.jobClaim(name, job.jobId());
            String message = Messages.toJson(job);
            if (!store.putIfAbsent(claim, message.getBytes(StandardCharsets.UTF_8), "application/json")) {
                p.skipped++;
                p.decisions.put(name, "skipped: " + job.jobId() + " was already queued today");
                return;
            }
            p.pending.add(new Pending(name, claim, job.jobId(), message));
            p.decisions.put(name, "queued " + job.jobId());
        } catch (GitHubException | MalformedMessageException e) {
            // one repository GitHub will not describe must not stop the others
            p.problems.add(name + ": " + e.getMessage());
            p.decisions.put(name, "failed: " + e.getMessage());
        }
    }

    /** Sends the claimed jobs to every family's queue (batched), releasing the claim of any that could not be sent. */
    private void send(Progress p) {
        if (p.pending.isEmpty()) {
            return;
        }
        java.util.Set<String> failedMessages = new java.util.HashSet<>();
        List<String> messages = p.pending.stream().map(Pending::message).toList();
        for (String check : p.checks) {
            failedMessages.addAll(sender.sendAll(queues.get(CheckFamily.byCheck(check).orElseThrow()), messages));
        }
        for (Pending job : p.pending) {
            if (failedMessages.contains(job.message())) {
                // release the claim, so a second delivery of the schedule event can try again today
                store.delete(job.claim());
                p.problems.add(job.repository() + ": its scan job could not be queued");
                p.decisions.put(job.repository(), "failed: " + job.jobId() + " could not be queued");
            } else {
                p.queued++;
            }
        }
        p.pending.clear();
    }

    /**
     * True when every family has a run document for a full scan of this very head (on any day): nothing changed
     * since, so a new full scan could only repeat it. A head whose scan failed for some family is scanned again.
     */
    private boolean completelyScanned(String repository, String head, List<String> checks, LocalDate today) {
        String jobPrefix = ScanJob.fullScanJobId(head) + "-";
        // only recent scans count: an unmoved head is still scanned weekly, so advisories published since surface
        List<StoreKeys.Key> runs = store.list(StoreKeys.jobsRunsPrefix(repository, jobPrefix)).stream()
                .flatMap(k -> StoreKeys.parse(k).stream())
                .filter(k -> k.kind() == StoreKeys.Kind.RUN_DOCUMENT && k.jobId().startsWith(jobPrefix))
                .filter(k -> isRecent(k.jobId().substring(jobPrefix.length()), today)).toList();
        for (String check : checks) {
            if (runs.stream().noneMatch(k -> k.check().equals(StoreKeys.part(check)))) {
                return false;
            }
        }
        return true;
    }

    /** A head unchanged since a complete scan this recent is skipped. */
    static final int RESCAN_AFTER_DAYS = 7;

    /** Whether a full scan's job of {@code day} ({@code full-<sha>-<day>}) is recent enough to stand. */
    private static boolean isRecent(String day, LocalDate today) {
        try {
            LocalDate scanned = LocalDate.parse(day);
            return !scanned.isBefore(today.minusDays(RESCAN_AFTER_DAYS - 1L));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The App's own endpoints, authenticated with its JWT, following {@code Link} pages. */
    private List<JsonNode> appPaged(String path) {
        List<JsonNode> out = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = appGet(next);
            if (r.status() == 404) {
                break;
            }
            r.json().forEach(out::add);
            next = r.header("link").map(ScheduledScans::nextLink).orElse(null);
        }
        return out;
    }

    /** GET as the App; a 401 (a rotated key or App id) reads the App's secret again and tries once more. */
    private GitHubHttp.Response appGet(String path) {
        try {
            return http.send("GET", path, "Bearer " + tokens.appJwt(), null, null);
        } catch (GitHubException e) {
            if (e.status() != 401 || !tokens.refreshCredentials()) {
                throw e;
            }
            return http.send("GET", path, "Bearer " + tokens.appJwt(), null, null);
        }
    }

    static String nextLink(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
