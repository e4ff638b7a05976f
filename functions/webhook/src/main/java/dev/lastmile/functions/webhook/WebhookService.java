package dev.lastmile.functions.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import dev.lastmile.core.scan.CheckFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one GitHub webhook delivery into scan jobs on the check families' queues, fast (GitHub waits 10 s at most)
 * and at most once:
 * <ol>
 *   <li>refuse what is not GitHub's: oversized (413), undecodable (400), unsigned or wrongly signed (401);</li>
 *   <li>keep what lastmile acts on (pull requests opened, synchronised, reopened, ready for review; pushes to the
 *       default branch; check suites and check runs asked to run again); acknowledge the rest with 202;</li>
 *   <li>claim the delivery id with a conditional write: a redelivery answers 200 and does nothing; automatic
 *       events for a head already queued (a push sends both {@code pull_request} and {@code check_suite}) are
 *       claimed by job id the same way;</li>
 *   <li>send the job to each family's queue. If sending fails, the claim is released and GitHub gets a 5xx, so a
 *       redelivery can try again.</li>
 * </ol>
 */
public final class WebhookService {

    /** Lambda accepts 6 MB synchronous payloads; GitHub's largest events are far below this. */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    static final String DELIVERIES = StoreKeys.DELIVERIES;
    private static final Set<String> PR_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebhookSignature signature;
    private final ObjectStore store;
    private final MessageSender sender;
    private final Map<CheckFamily, String> queues;
    private final boolean scanDrafts;
    private final Clock clock;
    private final String reportQueue;
    private final java.time.Duration auditRetention;

    public WebhookService(WebhookSignature signature, ObjectStore store, MessageSender sender,
                          Map<CheckFamily, String> queues, boolean scanDrafts, Clock clock) {
        this(signature, store, sender, queues, scanDrafts, clock, null, null);
    }

    /**
     * @param reportQueue    the reporter's FIFO queue, where review events go to have the gate evaluated again; null
     *                       to ignore review events
     * @param auditRetention how long a merge's audit record is locked (S3 Object Lock); null for no lock
     */
    public WebhookService(WebhookSignature signature, ObjectStore store, MessageSender sender,
                          Map<CheckFamily, String> queues, boolean scanDrafts, Clock clock, String reportQueue,
                          java.time.Duration auditRetention) {
        this.reportQueue = reportQueue == null || reportQueue.isBlank() ? null : reportQueue;
        this.auditRetention = auditRetention;
        this.signature = signature;
        this.store = store;
        this.sender = sender;
        this.queues = queues.isEmpty() ? Map.of() : new EnumMap<>(queues);
        this.scanDrafts = scanDrafts;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * @param headers  request headers, names in any case
     * @param body     the body as API Gateway or a function URL hands it over
     * @param base64   whether {@code body} is base64 of the raw bytes
     */
    public WebhookResponse handle(Map<String, String> headers, String body, boolean base64) {
        Map<String, String> h = lowerCase(headers);
        if (body == null) {
            return WebhookResponse.of(400, "empty body");
        }
        if (body.length() > (base64 ? MAX_BODY_BYTES / 3 * 4 + 4 : MAX_BODY_BYTES)) {
            return WebhookResponse.of(413, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] raw;
        if (base64) {
            try {
                raw = Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                return WebhookResponse.of(400, "body is not valid base64");
            }
        } else {
            raw = body.getBytes(StandardCharsets.UTF_8);
        }
        if (raw.length > MAX_BODY_BYTES) {
            return WebhookResponse.of(413, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        // nothing about the payload is trusted, or even parsed, before the signature holds
        if (!signature.verify(raw, h.get("x-hub-signature-256"))) {
            return WebhookResponse.of(401, h.containsKey("x-hub-signature-256") ? "signature does not match" : "signature missing");
        }
        String event = h.get("x-github-event");
        String delivery = h.get("x-github-delivery");
        if (event == null || event.isBlank() || delivery == null || delivery.isBlank() || delivery.length() > 100) {
            return WebhookResponse.of(400, "X-GitHub-Event and X-GitHub-Delivery headers are required");
        }
        JsonNode payload;
        try {
            payload = MAPPER.readTree(raw);
        } catch (IOException e) {
            return WebhookResponse.of(400, "body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return WebhookResponse.of(400, "body is not a JSON object");
        }
        if (event.equals("ping")) {
            return WebhookResponse.of(200, "pong");
        }
        if (event.equals("pull_request") && payload.path("action").asText("").equals("closed")
                && payload.path("pull_request").path("merged").asBoolean(false)) {
            return recordMerge(payload, delivery);
        }
        if (event.equals("pull_request_review")) {
            return reviewed(payload, delivery);
        }

        Optional<Trigger> trigger;
        try {
            trigger = trigger(event, payload, delivery);
        } catch (MalformedMessageException e) {
            return WebhookResponse.of(400, "unusable payload: " + e.getMessage());
        }
        if (trigger.isEmpty()) {
            return WebhookResponse.of(202, "ignored: " + event.replaceAll("[^A-Za-z0-9_]", "") + describeAction(payload));
        }
        ScanJob job = trigger.get().job();

        String deliveryKey = StoreKeys.delivery(delivery);
        String jobKey = StoreKeys.jobClaim(job.repository(), job.jobId());
        byte[] claim = claimRecord(job, CLAIMED);
        try {
            if (!claim(deliveryKey, claim)) {
                return WebhookResponse.of(200, "duplicate delivery " + delivery + ": already handled");
            }
            if (!trigger.get().rerun() && !claim(jobKey, claim)) {
                store.put(deliveryKey, claimRecord(job, QUEUED), "application/json");
                return new WebhookResponse(200, "already queued by an earlier event", job.jobId(), List.of());
            }
        } catch (RuntimeException e) {
            // the store is unreachable: nothing was queued, and a 5xx lets GitHub's redelivery try again
            return new WebhookResponse(503, "could not record the delivery: " + e.getClass().getSimpleName(), job.jobId(), List.of());
        }
        List<String> queued = new ArrayList<>();
        try {
            String message = Messages.toJson(job);
            for (String check : job.checks()) {
                CheckFamily family = CheckFamily.byCheck(check).orElseThrow();
                sender.send(queues.get(family), message, null, null);
                queued.add(check);
            }
        } catch (RuntimeException e) {
            // release the claims so GitHub's redelivery (same delivery id) can try again
            release(deliveryKey, jobKey, trigger.get().rerun());
            return new WebhookResponse(503, "could not queue the scan: " + e.getClass().getSimpleName(), job.jobId(), queued);
        }
        try {
            // the claims say "queued" from now on: a redelivery is a duplicate, however late it comes
            byte[] done = claimRecord(job, QUEUED);
            if (!trigger.get().rerun()) {
                store.put(jobKey, done, "application/json");
                if (job.pullRequest() != null) {
                    // the head's job, for a re-run whose event names no pull request (a fork's check suite)
                    store.put(StoreKeys.jobHead(job.repository(), job.head()), done, "application/json");
                }
            }
            store.put(deliveryKey, done, "application/json");
        } catch (RuntimeException e) {
            // queued all the same; a stale claim is only retaken after CLAIM_EXPIRY, by then the jobs ran
        }
        return new WebhookResponse(202, "queued", job.jobId(), queued);
    }

    /** A claim's states: taken by a delivery being handled, or done with (its jobs are on their queues). */
    static final String CLAIMED = "claimed";
    static final String QUEUED = "queued";

    /**
     * How long a claim whose delivery never reached "queued" stands before a redelivery may take it over: longer than
     * the webhook may run (10 s), so a slow first attempt is not doubled, and short enough for the redeliverer.
     */
    static final java.time.Duration CLAIM_EXPIRY = java.time.Duration.ofMinutes(2);


    private byte[] claimRecord(ScanJob job, String state) {
        com.fasterxml.jackson.databind.node.ObjectNode n = MAPPER.createObjectNode();
        n.put("state", state);
        n.put("at", clock.instant().toString());
        try {
            n.set("job", MAPPER.readTree(Messages.toJson(job)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Takes a claim: a conditional write, or, when the key is there, a takeover of a claim left "claimed" for longer
     * than {@link #CLAIM_EXPIRY} (a webhook that timed out between claiming and queueing lost its work: the
     * redelivery must be able to do it). A claim without a state (the scheduler's) or a queued one stands.
     */
    private boolean claim(String key, byte[] record) {
        if (store.putIfAbsent(key, record, "application/json")) {
            return true;
        }
        Optional<JsonNode> existing = store.get(key).flatMap(WebhookService::json);
        if (existing.isEmpty() || !CLAIMED.equals(existing.get().path("state").asText())) {
            return false;
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(existing.get().path("at").asText());
        } catch (java.time.format.DateTimeParseException e) {
            at = java.time.Instant.EPOCH;
        }
        if (at.plus(CLAIM_EXPIRY).isAfter(clock.instant())) {
            return false; // another attempt is handling it right now
        }
        store.put(key, record, "application/json");
        return true;
    }

    private void release(String deliveryKey, String jobKey, boolean rerun) {
        try {
            store.delete(deliveryKey);
            if (!rerun) {
                store.delete(jobKey);
            }
        } catch (RuntimeException e) {
            // left "claimed", the claims expire after CLAIM_EXPIRY and the redelivery takes them over
        }
    }

    private static Optional<JsonNode> json(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pull request job a stored claim or head record holds, if it can be read (the store may say no). */
    private Optional<ScanJob> storedJob(String key) {
        try {
            return store.get(key).flatMap(WebhookService::json).map(n -> n.get("job"))
                    .filter(JsonNode::isObject).map(j -> Messages.scanJob(j.toString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Records a merged pull request as {@code merges/{owner}/{repo}/pr-{n}.json}: the findings report counts that pull
     * request's new findings as open until the next full scan (docs/reports.md). Writing it again for a redelivery
     * changes nothing.
     */
    private WebhookResponse recordMerge(JsonNode payload, String delivery) {
        String repository = payload.path("repository").path("full_name").asText("");
        JsonNode pr = payload.path("pull_request");
        int number = pr.path("number").asInt(0);
        java.time.Instant mergedAt;
        if (!repository.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}") || number <= 0) {
            return WebhookResponse.of(400, "unusable payload: a merged pull request needs repository.full_name and a number");
        }
        try {
            mergedAt = java.time.Instant.parse(pr.path("merged_at").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            mergedAt = clock.instant();
        }
        try {
            new FindingsStore(store).recordMerge(repository, number, mergedAt, pr.path("head").path("sha").asText(null),
                    pr.path("base").path("ref").asText(null));
            appendMergeAudit(repository, number, pr, mergedAt);
        } catch (RuntimeException e) {
            return WebhookResponse.of(503, "could not record the merge: " + e.getClass().getSimpleName());
        }
        return WebhookResponse.of(202, "recorded merge of " + repository + "#" + number);
    }

    /** Review actions that can change the approvals the stricter gate counts. */
    private static final Set<String> REVIEW_ACTIONS = Set.of("submitted", "dismissed", "edited");

    /**
     * A review was submitted, edited or dismissed: the reporter evaluates the gate of the head's job again from the
     * stored runs (no rescan) and appends the event to the audit trail. A head lastmile never queued is ignored.
     */
    private WebhookResponse reviewed(JsonNode payload, String delivery) {
        String action = payload.path("action").asText("");
        String repository = payload.path("repository").path("full_name").asText("");
        String head = payload.path("pull_request").path("head").path("sha").asText("");
        if (reportQueue == null || !REVIEW_ACTIONS.contains(action)) {
            return WebhookResponse.of(202, "ignored: pull_request_review." + action.replaceAll("[^a-z_]", ""));
        }
        if (!repository.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}") || !head.matches("[0-9a-fA-F]{40}")) {
            return WebhookResponse.of(400, "unusable payload: a review needs repository.full_name and pull_request.head.sha");
        }
        Optional<ScanJob> job = storedJob(StoreKeys.jobHead(repository, head))
                .filter(j -> j.pullRequest() != null && j.pullRequest() == payload.path("pull_request").path("number").asInt());
        if (job.isEmpty()) {
            return WebhookResponse.of(202, "ignored: no lastmile job for head " + head.substring(0, 12));
        }
        dev.lastmile.aws.sqs.ReportRequest request = dev.lastmile.aws.sqs.ReportRequest.review(job.get(), StoreKeys.part(delivery));
        try {
            sender.send(reportQueue, Messages.toJson(request), request.messageGroupId(), request.deduplicationId());
        } catch (RuntimeException e) {
            return new WebhookResponse(503, "could not queue the review: " + e.getClass().getSimpleName(), job.get().jobId(), List.of());
        }
        return new WebhookResponse(202, "queued review", job.get().jobId(), List.of("review"));
    }

    /**
     * The merge's audit record: the merge commit, with what the head's last audit record holds (provenance, checks,
     * findings, suppressions, approvals), so the record stands on its own as evidence. Its instant is the merge's and
     * its id the merge commit, so a redelivered event finds it written and appends nothing.
     */
    private void appendMergeAudit(String repository, int number, JsonNode pr, java.time.Instant mergedAt) {
        String head = pr.path("head").path("sha").asText(null);
        String mergeCommit = pr.path("merge_commit_sha").asText(null);
        dev.lastmile.core.store.AuditTrail trail = new dev.lastmile.core.store.AuditTrail(store, auditRetention);
        dev.lastmile.core.store.AuditRecord last = trail.read(new dev.lastmile.core.store.AuditTrail.Query(repository, number, null))
                .records().stream().filter(r -> head == null || head.equalsIgnoreCase(r.head()))
                .filter(r -> r.event() != dev.lastmile.core.store.AuditRecord.Event.MERGED)
                .reduce((a, b) -> b).orElse(null);
        dev.lastmile.core.store.AuditRecord.Merge merge = new dev.lastmile.core.store.AuditRecord.Merge(mergeCommit, mergedAt,
                pr.path("base").path("ref").asText(null));
        String base = pr.path("base").path("sha").asText(null);
        trail.append(last == null
                ? new dev.lastmile.core.store.AuditRecord(repository, number, dev.lastmile.core.store.AuditRecord.Event.MERGED,
                        String.valueOf(mergeCommit), mergedAt, head, base, null, null, null, null, null, null, null, null, merge)
                : new dev.lastmile.core.store.AuditRecord(repository, number, dev.lastmile.core.store.AuditRecord.Event.MERGED,
                        String.valueOf(mergeCommit), mergedAt, head, base, last.provenance(), last.policyHash(),
                        last.policySource(), last.gate(), last.checks(), last.findings(), last.suppressions(),
                        last.approvals(), merge));
    }

    /**
     * Runs the request path once on a signed sample delivery, without the store or the queues, so SnapStart's
     * snapshot holds its classes loaded (see {@code Priming}). Best effort.
     */
    public void prime() {
        try {
            String body = "{\"action\":\"opened\",\"pull_request\":{\"number\":1,\"state\":\"open\",\"draft\":false,"
                    + "\"head\":{\"sha\":\"0000000000000000000000000000000000000002\"},"
                    + "\"base\":{\"sha\":\"0000000000000000000000000000000000000001\"}},"
                    + "\"repository\":{\"full_name\":\"lastmile/priming\",\"default_branch\":\"main\"},\"installation\":{\"id\":1}}";
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            // a stand-in key: priming runs in the constructor, which must not read the App's secret (SnapStart)
            WebhookSignature stand = new WebhookSignature("priming");
            stand.verify(raw, stand.sign(raw));
            Base64.getDecoder().decode(Base64.getEncoder().encodeToString(raw));
            trigger("pull_request", MAPPER.readTree(raw), "priming").ifPresent(t -> Messages.toJson(t.job()));
            new WebhookResponse(202, "queued", "priming", List.of("sql")).json();
        } catch (IOException | RuntimeException e) {
            // the first real delivery loads what priming could not
        }
    }

    private record Trigger(ScanJob job, boolean rerun) {
    }

    private Optional<Trigger> trigger(String event, JsonNode p, String delivery) {
        String action = p.path("action").asText("");
        String repository = p.path("repository").path("full_name").asText(null);
        Long installation = p.path("installation").path("id").isIntegralNumber() ? p.path("installation").path("id").asLong() : null;
        if (installation == null && Set.of("pull_request", "push", "check_suite", "check_run").contains(event)) {
            throw new MalformedMessageException("no installation id: is this delivery from the GitHub App?");
        }
        String defaultBranch = p.path("repository").path("default_branch").asText("");
        List<String> all = configuredChecks(null);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        switch (event) {
            case "pull_request" -> {
                JsonNode pr = p.path("pull_request");
                if (!PR_ACTIONS.contains(action) || !pr.path("state").asText("open").equals("open")) {
                    return Optional.empty();
                }
                // a draft is queued with the deployment's default; its base's policy (pull_requests.drafts) decides.
                // Its job id is not the head's, so "Ready for review" without a push is a job of its own
                boolean isDraft = pr.path("draft").asBoolean(false);
                ScanJob.Draft draft = !isDraft ? ScanJob.Draft.NONE
                        : scanDrafts ? ScanJob.Draft.SCAN_BY_DEFAULT : ScanJob.Draft.SKIP_BY_DEFAULT;
                return pullRequestJob(repository, installation, pr.path("number").asInt(), pr.path("base").path("sha").asText(null),
                        pr.path("head").path("sha").asText(null), all, delivery, false, draft);
            }
            case "push" -> {
                String after = p.path("after").asText("");
                boolean toDefault = p.path("ref").asText("").equals("refs/heads/" + defaultBranch);
                if (!toDefault || p.path("deleted").asBoolean(false) || after.matches("0+")) {
                    return Optional.empty();
                }
                return Optional.of(new Trigger(new ScanJob(fullScanJobId(after), repository, installation, null, after,
                        null, ScanMode.FULL, all, delivery, clock.instant(), null), false));
            }
            case "check_suite" -> {
                if (!action.equals("requested") && !action.equals("rerequested")) {
                    return Optional.empty();
                }
                JsonNode suite = p.path("check_suite");
                if (action.equals("requested") && !suite.path("pull_requests").isEmpty()) {
                    // GitHub's automatic suite for a pull request head: its pull_request event queues it, with the
                    // draft state this event does not carry (a draft must not be scanned against its policy)
                    return Optional.empty();
                }
                return suiteOrRunJob(repository, installation, suite.path("head_sha").asText(null), suite.path("head_branch").asText(""),
                        defaultBranch, suite.path("pull_requests"), null, all, delivery, action.equals("rerequested"));
            }
            case "check_run" -> {
                JsonNode run = p.path("check_run");
                boolean rerun = action.equals("rerequested")
                        || (action.equals("requested_action") && p.path("requested_action").path("identifier").asText("").equals("rerun"));
                Optional<CheckFamily> family = CheckFamily.byCheckRunName(run.path("name").asText());
                if (!rerun || family.isEmpty() || configuredChecks(family.get()).isEmpty()) {
                    return Optional.empty();
                }
                return suiteOrRunJob(repository, installation, run.path("head_sha").asText(null),
                        run.path("check_suite").path("head_branch").asText(""), defaultBranch, run.path("pull_requests"),
                        run.path("external_id").asText(null), configuredChecks(family.get()), delivery, true);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * @param externalId the check run's {@code external_id} (lastmile's job id), null for a check suite
     */
    private Optional<Trigger> suiteOrRunJob(String repository, Long installation, String headSha, String headBranch,
                                            String defaultBranch, JsonNode pullRequests, String externalId,
                                            List<String> checks, String delivery, boolean rerun) {
        for (JsonNode pr : pullRequests) {
            // check suites list pull requests of this repository only when head and base are in it
            if (headSha != null && headSha.equals(pr.path("head").path("sha").asText())) {
                // a check suite or a re-run is asked for explicitly: it runs, draft or not
                return pullRequestJob(repository, installation, pr.path("number").asInt(), pr.path("base").path("sha").asText(null),
                        headSha, checks, delivery, rerun, ScanJob.Draft.NONE);
            }
        }
        if (rerun && headSha != null && pullRequests.isEmpty()) {
            // a fork's pull request: GitHub lists no pull request in the events of the base repository's checks. The
            // job the head was queued with says which pull request and base: found by the check run's external_id
            // (lastmile's job id) or, for a whole suite, by the head
            Optional<ScanJob> queued = ScanJob.pullRequestOf(externalId)
                    .filter(h -> h.head().equalsIgnoreCase(headSha))
                    .flatMap(h -> storedJob(StoreKeys.jobClaim(repository, h.jobId())))
                    .or(() -> storedJob(StoreKeys.jobHead(repository, headSha)))
                    .filter(j -> j.pullRequest() != null && j.head().equalsIgnoreCase(headSha) && repository.equals(j.repository()));
            if (queued.isPresent()) {
                return pullRequestJob(repository, installation, queued.get().pullRequest(), queued.get().base(), headSha,
                        checks, delivery, true, ScanJob.Draft.NONE);
            }
        }
        if (headSha != null && !defaultBranch.isEmpty() && headBranch.equals(defaultBranch)) {
            String id = fullScanJobId(headSha) + (rerun ? rerunSuffix(delivery) : "");
            return Optional.of(new Trigger(new ScanJob(id, repository, installation, null, headSha, null, ScanMode.FULL,
                    checks, delivery, clock.instant(), null), rerun));
        }
        return Optional.empty();
    }

    /** Today's full-scan id of a head: the scheduler's id for the same head and day. */
    private String fullScanJobId(String head) {
        return ScanJob.fullScanJobId(head, java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    private Optional<Trigger> pullRequestJob(String repository, Long installation, int number, String base, String head,
                                             List<String> checks, String delivery, boolean rerun, ScanJob.Draft draft) {
        if (head == null || number <= 0) {
            throw new MalformedMessageException("pull request without number or head sha");
        }
        // a re-run is a new job, so its report is not taken for a duplicate of the first run's
        String id = (draft == ScanJob.Draft.NONE ? ScanJob.pullRequestJobId(number, head) : ScanJob.draftJobId(number, head))
                + (rerun ? rerunSuffix(delivery) : "");
        return Optional.of(new Trigger(new ScanJob(id, repository, installation, base, head, number, ScanMode.PULL_REQUEST,
                checks, delivery, clock.instant(), null, draft), rerun));
    }

    private static String rerunSuffix(String delivery) {
        String d = StoreKeys.part(delivery);
        return "-rerun-" + (d.length() > 12 ? d.substring(0, 12) : d);
    }

    /** The checks whose queue is configured: all of them, or one family. */
    private List<String> configuredChecks(CheckFamily only) {
        List<String> out = new ArrayList<>();
        for (CheckFamily f : CheckFamily.values()) {
            if ((only == null || only == f) && queues.get(f) != null && !queues.get(f).isBlank()) {
                out.add(f.check());
            }
        }
        return out;
    }

    private static String describeAction(JsonNode p) {
        String a = p.path("action").asText("");
        return a.isEmpty() ? "" : "." + a.replaceAll("[^a-z_]", "");
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> out = new java.util.HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    out.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        return out;
    }
}
