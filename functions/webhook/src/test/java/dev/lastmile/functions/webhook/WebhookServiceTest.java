package dev.lastmile.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.store.StoreKeys;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.Events;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The webhook fed the signed payloads of the root events/ folder, against S3Proxy and ElasticMQ. */
class WebhookServiceTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private static S3ProxyFixture s3proxy;
    private static ElasticMqFixture sqs;
    private static S3Client s3;
    private static int counter;

    private S3ObjectStore store;
    private String sqlQueue;
    private String secretsQueue;
    private WebhookFunction function;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        sqs = ElasticMqFixture.start();
        s3 = s3proxy.createBucket("findings");
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3proxy.close();
        sqs.close();
    }

    @BeforeEach
    void fresh() {
        counter++;
        store = new S3ObjectStore(s3, "findings", "w" + counter);
        sqlQueue = sqs.createQueue("sql-" + counter);
        secretsQueue = sqs.createQueue("secrets-" + counter);
        function = new WebhookFunction(service(new SqsMessageSender(sqs.client()), false));
    }

    private WebhookService service(MessageSender sender, boolean drafts) {
        return new WebhookService(new WebhookSignature(SECRET), store, sender,
                Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue), drafts,
                Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
    }

    private List<ScanJob> jobs(String queue) {
        return sqs.receive(queue).stream().map(m -> Messages.scanJob(m.body())).toList();
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return new ObjectMapper().readTree(r.getBody());
    }

    /** A payload of the events folder, changed and signed again (as GitHub would sign it). */
    static APIGatewayV2HTTPEvent resigned(String name, java.util.function.Consumer<ObjectNode> change, String event) throws Exception {
        APIGatewayV2HTTPEvent e = Events.apiGateway(name);
        String raw = e.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(e.getBody()), StandardCharsets.UTF_8) : e.getBody();
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(raw);
        change.accept(payload);
        byte[] bytes = new ObjectMapper().writeValueAsBytes(payload);
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("x-hub-signature-256", new WebhookSignature(SECRET).sign(bytes));
        if (event != null) {
            headers.put("x-github-event", event);
        }
        return APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(new String(bytes, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false).build();
    }

    @Test
    void anOpenedPullRequestIsQueuedToEveryConfiguredFamily() throws Exception {
        APIGatewayV2HTTPResponse r = function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);

        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(body(r).path("queued")).hasSize(2);
        List<ScanJob> sql = jobs(sqlQueue);
        assertThat(sql).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isEqualTo("pr-42-" + HEAD);
            assertThat(job.repository()).isEqualTo("acme/shop");
            assertThat(job.installationId()).isEqualTo(4242L);
            assertThat(job.base()).isEqualTo("9049f1265b7d61be4a8904a9a27120d2064dab3b");
            assertThat(job.pullRequest()).isEqualTo(42);
            assertThat(job.mode()).isEqualTo(ScanMode.PULL_REQUEST);
            assertThat(job.checks()).containsExactly("sql", "secrets");
            assertThat(job.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
            assertThat(job.draft()).isEqualTo(ScanJob.Draft.NONE);
        });
        assertThat(jobs(secretsQueue)).hasSize(1);
    }

    @Test
    void aRedeliveryIsAcknowledgedAndQueuesNothing() throws Exception {
        function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        jobs(sqlQueue);
        APIGatewayV2HTTPResponse again = function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(body(again).path("reason").asText()).contains("duplicate delivery");
        assertThat(jobs(sqlQueue)).isEmpty();
    }

    @Test
    void aBase64BodyIsDecodedBeforeItsSignatureIsChecked() {
        APIGatewayV2HTTPResponse r = function.handleRequest(Events.apiGateway("webhook-pull-request-synchronize.json"), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).singleElement().satisfies(j -> assertThat(j.head()).isEqualTo("c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c"));
    }

    @Test
    void aPushToTheDefaultBranchIsAFullScan() {
        APIGatewayV2HTTPResponse r = function.handleRequest(Events.apiGateway("webhook-push.json"), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).singleElement().satisfies(j -> {
            assertThat(j.mode()).isEqualTo(ScanMode.FULL);
            // the scheduler's id for the same head and day, so it sees this scan (item 10 of issue 15)
            assertThat(j.jobId()).isEqualTo("full-" + HEAD + "-2026-11-25")
                    .isEqualTo(ScanJob.fullScanJobId(HEAD, java.time.LocalDate.parse("2026-11-25")));
            assertThat(j.base()).isNull();
        });
    }

    @Test
    void aPushElsewhereOrABranchDeletionIsIgnored() throws Exception {
        APIGatewayV2HTTPResponse other = function.handleRequest(resigned("webhook-push.json", p -> p.put("ref", "refs/heads/feature/x"), null), null);
        APIGatewayV2HTTPResponse deleted = function.handleRequest(resigned("webhook-push.json", p -> p.put("deleted", true)
                .put("after", "0000000000000000000000000000000000000000"), null), null);
        assertThat(other.getStatusCode()).isEqualTo(202);
        assertThat(body(other).path("reason").asText()).startsWith("ignored");
        assertThat(deleted.getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).isEmpty();
    }

    @Test
    void rerunningOneCheckRunQueuesANewJobForThatFamilyOnly() {
        function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        jobs(sqlQueue);
        jobs(secretsQueue);

        APIGatewayV2HTTPResponse r = function.handleRequest(Events.apiGateway("webhook-check-run-rerequested.json"), null);

        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).singleElement().satisfies(j -> {
            assertThat(j.jobId()).startsWith("pr-42-" + HEAD + "-rerun-");
            assertThat(j.checks()).containsExactly("sql");
        });
        assertThat(jobs(secretsQueue)).isEmpty();
    }

    /** The re-run payload turned into a check suite event, with another delivery id. */
    static APIGatewayV2HTTPEvent checkSuite(String action, boolean withPullRequests, String delivery) throws Exception {
        APIGatewayV2HTTPEvent suite = resigned("webhook-check-run-rerequested.json", p -> {
            ObjectNode run = (ObjectNode) p.remove("check_run");
            p.put("action", action);
            ObjectNode s = p.putObject("check_suite");
            s.put("head_sha", HEAD).put("head_branch", "feature/customer-orders");
            s.set("pull_requests", withPullRequests ? run.get("pull_requests") : new ObjectMapper().createArrayNode());
        }, "check_suite");
        return withDelivery(suite, delivery);
    }

    static APIGatewayV2HTTPEvent withDelivery(APIGatewayV2HTTPEvent e, String delivery) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("x-github-delivery", delivery);
        e.setHeaders(headers);
        return e;
    }

    @Test
    void aCheckSuiteRequestedForAPullRequestHeadIsLeftToItsPullRequestEvent() throws Exception {
        // the suite event does not say whether the pull request is a draft: queueing from it would scan a draft
        // against its policy; the pull_request event (which GitHub sends for the same push) queues the head
        APIGatewayV2HTTPResponse r = function.handleRequest(checkSuite("requested", true, "c0ffee00-0000-0000-0000-000000000001"), null);

        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(body(r).path("reason").asText()).isEqualTo("ignored: check_suite.requested");
        assertThat(jobs(sqlQueue)).isEmpty();
        // asked for explicitly, it runs
        APIGatewayV2HTTPResponse again = function.handleRequest(checkSuite("rerequested", true, "c0ffee00-0000-0000-0000-000000000002"), null);
        assertThat(body(again).path("reason").asText()).isEqualTo("queued");
        assertThat(jobs(sqlQueue)).singleElement().extracting(ScanJob::pullRequest).isEqualTo(42);
    }

    @Test
    void aDraftMarkedReadyForReviewWithoutAPushIsQueuedAsAJobOfItsOwn() throws Exception {
        APIGatewayV2HTTPEvent draft = resigned("webhook-pull-request-opened.json",
                p -> ((ObjectNode) p.get("pull_request")).put("draft", true), null);
        assertThat(function.handleRequest(draft, null).getStatusCode()).isEqualTo(202);
        ScanJob skipped = jobs(sqlQueue).getFirst();
        assertThat(skipped.draft()).isEqualTo(ScanJob.Draft.SKIP_BY_DEFAULT);

        APIGatewayV2HTTPEvent ready = withDelivery(resigned("webhook-pull-request-opened.json", p -> {
            p.put("action", "ready_for_review");
            ((ObjectNode) p.get("pull_request")).put("draft", false);
        }, null), "5eed0000-0000-0000-0000-000000000001");
        APIGatewayV2HTTPResponse r = function.handleRequest(ready, null);

        assertThat(body(r).path("reason").asText()).isEqualTo("queued");
        assertThat(jobs(sqlQueue)).singleElement().satisfies(j -> {
            assertThat(j.draft()).isEqualTo(ScanJob.Draft.NONE);
            assertThat(j.head()).isEqualTo(skipped.head());
            assertThat(j.jobId()).isNotEqualTo(skipped.jobId()).isEqualTo("pr-42-" + HEAD);
        });
    }

    @Test
    void reRunsOnAForkPullRequestFindTheirPullRequestThroughTheJobLastmileQueued() throws Exception {
        function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        jobs(sqlQueue);
        jobs(secretsQueue);
        // a fork's check_run event lists no pull request; the run's external_id is lastmile's job id
        APIGatewayV2HTTPEvent forkRun = withDelivery(resigned("webhook-check-run-rerequested.json",
                p -> ((ObjectNode) p.get("check_run")).putArray("pull_requests"), null), "f0f0f0f0-0000-0000-0000-000000000001");

        APIGatewayV2HTTPResponse r = function.handleRequest(forkRun, null);

        assertThat(body(r).path("reason").asText()).isEqualTo("queued");
        assertThat(jobs(sqlQueue)).singleElement().satisfies(j -> {
            assertThat(j.pullRequest()).isEqualTo(42);
            assertThat(j.base()).isEqualTo("9049f1265b7d61be4a8904a9a27120d2064dab3b");
            assertThat(j.jobId()).startsWith("pr-42-" + HEAD + "-rerun-");
        });
        // a whole suite asked again (no external_id): found by its head
        APIGatewayV2HTTPResponse suite = function.handleRequest(checkSuite("rerequested", false, "f0f0f0f0-0000-0000-0000-000000000002"), null);
        assertThat(body(suite).path("reason").asText()).isEqualTo("queued");
        assertThat(jobs(secretsQueue)).singleElement().extracting(ScanJob::pullRequest).isEqualTo(42);
        assertThat(jobs(sqlQueue)).hasSize(1);
        // a head lastmile never queued stays unknown: acknowledged, nothing invented
        APIGatewayV2HTTPEvent unknown = withDelivery(resigned("webhook-check-run-rerequested.json", p -> {
            ObjectNode run = (ObjectNode) p.get("check_run");
            run.putArray("pull_requests");
            run.put("head_sha", "1111111111111111111111111111111111111111").put("external_id", "pr-9-1111111111111111111111111111111111111111");
        }, null), "f0f0f0f0-0000-0000-0000-000000000003");
        assertThat(function.handleRequest(unknown, null).getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).isEmpty();
    }

    @Test
    void aClaimLeftByAnAttemptThatDiedIsTakenOverByTheRedeliveryOnceItExpires() throws Exception {
        String delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
        String stale = "{\"state\":\"claimed\",\"at\":\"2026-11-25T07:50:00Z\",\"job\":{}}";
        String fresh = "{\"state\":\"claimed\",\"at\":\"2026-11-25T07:59:30Z\",\"job\":{}}";
        // an attempt that is still running (claimed 30 s ago) is not doubled
        store.put(WebhookService.DELIVERIES + delivery, fresh.getBytes(StandardCharsets.UTF_8), "application/json");
        APIGatewayV2HTTPResponse running = function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        assertThat(running.getStatusCode()).isEqualTo(200);
        assertThat(jobs(sqlQueue)).isEmpty();

        // one that died between claiming and queueing (10 minutes ago, job claim too) is done by the redelivery
        store.put(WebhookService.DELIVERIES + delivery, stale.getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(StoreKeys.jobClaim("acme/shop", "pr-42-" + HEAD), stale.getBytes(StandardCharsets.UTF_8), "application/json");
        APIGatewayV2HTTPResponse r = function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).hasSize(1);
        JsonNode claim = new ObjectMapper().readTree(store.get(WebhookService.DELIVERIES + delivery).orElseThrow());
        assertThat(claim.path("state").asText()).isEqualTo("queued");

        // once queued, a redelivery is a duplicate however late it comes
        assertThat(function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null).getStatusCode()).isEqualTo(200);
        assertThat(jobs(sqlQueue)).isEmpty();
    }

    @Test
    void draftsAreQueuedWithTheDeploymentDefaultForThePolicyToDecideAndClosedPullRequestsIgnored() throws Exception {
        APIGatewayV2HTTPEvent draft = resigned("webhook-pull-request-opened.json",
                p -> ((ObjectNode) p.get("pull_request")).put("draft", true), null);
        assertThat(function.handleRequest(draft, null).getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).singleElement().extracting(ScanJob::draft).isEqualTo(ScanJob.Draft.SKIP_BY_DEFAULT);

        store = new S3ObjectStore(s3, "findings", "drafts-by-default-" + counter);
        WebhookFunction withDrafts = new WebhookFunction(service(new SqsMessageSender(sqs.client()), true));
        assertThat(body(withDrafts.handleRequest(draft, null)).path("reason").asText()).isEqualTo("queued");
        assertThat(jobs(sqlQueue)).singleElement().extracting(ScanJob::draft).isEqualTo(ScanJob.Draft.SCAN_BY_DEFAULT);

        APIGatewayV2HTTPEvent closed = resigned("webhook-pull-request-opened.json", p -> p.put("action", "closed"), null);
        assertThat(body(function.handleRequest(closed, null)).path("reason").asText()).isEqualTo("ignored: pull_request.closed");
    }

    @Test
    void unsignedOrTamperedDeliveriesGet401AndLeaveNoTrace() throws Exception {
        APIGatewayV2HTTPEvent e = Events.apiGateway("webhook-pull-request-opened.json");
        Map<String, String> noSignature = new HashMap<>(e.getHeaders());
        noSignature.remove("x-hub-signature-256");
        APIGatewayV2HTTPEvent unsigned = APIGatewayV2HTTPEvent.builder().withHeaders(noSignature).withBody(e.getBody()).build();
        APIGatewayV2HTTPEvent tampered = APIGatewayV2HTTPEvent.builder().withHeaders(e.getHeaders())
                .withBody(e.getBody().replace("\"number\":42", "\"number\":43")).build();

        assertThat(function.handleRequest(unsigned, null).getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse r = function.handleRequest(tampered, null);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(body(r).path("reason").asText()).isEqualTo("signature does not match");
        assertThat(jobs(sqlQueue)).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void malformedRequestsGet4xxWithAReasonNever5xx() throws Exception {
        WebhookService service = service(new SqsMessageSender(sqs.client()), false);
        WebhookSignature sign = new WebhookSignature(SECRET);
        Map<String, String> headers = Map.of("X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "d-1",
                "X-Hub-Signature-256", sign.sign("not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(service.handle(headers, "not json", false).status()).isEqualTo(400);
        assertThat(service.handle(headers, "%%%", true)).satisfies(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(service.handle(headers, null, false).status()).isEqualTo(400);
        assertThat(service.handle(headers, "x".repeat(WebhookService.MAX_BODY_BYTES + 1), false).status()).isEqualTo(413);
        String array = "[1,2]";
        assertThat(service.handle(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-2",
                "X-Hub-Signature-256", sign.sign(array.getBytes(StandardCharsets.UTF_8))), array, false).status()).isEqualTo(400);
        String ok = "{}";
        assertThat(service.handle(Map.of("X-Hub-Signature-256", sign.sign(ok.getBytes(StandardCharsets.UTF_8))), ok, false).status())
                .isEqualTo(400);
        String noInstallation = "{\"action\":\"opened\",\"repository\":{\"full_name\":\"acme/shop\"}}";
        assertThat(service.handle(Map.of("X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "d-3",
                "X-Hub-Signature-256", sign.sign(noInstallation.getBytes(StandardCharsets.UTF_8))), noInstallation, false))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(function.handleRequest(null, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void otherEventsArePingedOrAcknowledged() throws Exception {
        APIGatewayV2HTTPEvent ping = resigned("webhook-push.json", p -> p.put("zen", "Design for failure."), "ping");
        assertThat(function.handleRequest(ping, null).getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPEvent issues = resigned("webhook-push.json", p -> p.put("action", "opened"), "issues");
        assertThat(body(function.handleRequest(issues, null)).path("reason").asText()).isEqualTo("ignored: issues.opened");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void anUnreachableStoreIsA503WithAReasonAndQueuesNothing() {
        S3ObjectStore missingBucket = new S3ObjectStore(s3, "no-such-bucket", "w");
        WebhookFunction broken = new WebhookFunction(new WebhookService(new WebhookSignature(SECRET), missingBucket,
                new SqsMessageSender(sqs.client()), Map.of(CheckFamily.SQL, sqlQueue), false, null));

        APIGatewayV2HTTPResponse r = broken.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);

        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(r.getBody()).contains("could not record the delivery");
        assertThat(jobs(sqlQueue)).isEmpty();
    }

    @Test
    void whenQueueingFailsTheClaimIsReleasedSoARedeliveryWorks() {
        WebhookFunction broken = new WebhookFunction(service((url, body, g, d) -> {
            throw new IllegalStateException("SQS unavailable");
        }, false));
        assertThat(broken.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null).getStatusCode()).isEqualTo(503);
        assertThat(store.list("")).isEmpty();

        assertThat(function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null).getStatusCode()).isEqualTo(202);
        assertThat(jobs(sqlQueue)).hasSize(1);
    }

    @Test
    void aMergedPullRequestIsRecordedForTheReportsAndNothingIsQueued() throws Exception {
        APIGatewayV2HTTPEvent merged = resigned("webhook-pull-request-opened.json", p -> {
            p.put("action", "closed");
            ((ObjectNode) p.path("pull_request")).put("state", "closed").put("merged", true)
                    .put("merged_at", "2026-11-25T07:30:00Z");
        }, "pull_request");
        APIGatewayV2HTTPResponse r = function.handleRequest(merged, null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(body(r).path("reason").asText()).isEqualTo("recorded merge of acme/shop#42");
        JsonNode marker = new ObjectMapper().readTree(store.get("merges/acme/shop/pr-42.json").orElseThrow());
        assertThat(marker.path("mergedAt").asText()).isEqualTo("2026-11-25T07:30:00Z");
        assertThat(marker.path("pullRequest").asInt()).isEqualTo(42);
        assertThat(jobs(sqlQueue)).isEmpty();

        APIGatewayV2HTTPEvent closedUnmerged = resigned("webhook-pull-request-opened.json", p -> {
            p.put("action", "closed");
            ((ObjectNode) p.path("pull_request")).put("state", "closed").put("merged", false);
        }, "pull_request");
        store.delete("merges/acme/shop/pr-42.json");
        assertThat(function.handleRequest(closedUnmerged, null).getStatusCode()).isEqualTo(202);
        assertThat(store.get("merges/acme/shop/pr-42.json")).isEmpty();
    }

    @Test
    void aMergeIsAppendedToTheAuditTrailWithWhatTheHeadsLastRecordHolds() throws Exception {
        dev.lastmile.core.store.AuditTrail trail = new dev.lastmile.core.store.AuditTrail(store);
        dev.lastmile.core.provenance.Provenance ai = dev.lastmile.core.provenance.Provenance.of(List.of(
                new dev.lastmile.core.provenance.CommitProvenance(HEAD, true, List.of(new dev.lastmile.core.provenance.Evidence(
                        dev.lastmile.core.provenance.Evidence.Kind.AUTHOR, "GitHub Copilot", "copilot-swe-agent[bot]")))));
        trail.append(new dev.lastmile.core.store.AuditRecord("acme/shop", 42,
                dev.lastmile.core.store.AuditRecord.Event.CHECKS_COMPLETED, "pr-42-" + HEAD,
                Instant.parse("2026-11-25T07:00:00Z"), HEAD, "9049f1265b7d61be4a8904a9a27120d2064dab3b", ai, "sha256:p",
                ".lastmile.yml", null, List.of(), List.of(new dev.lastmile.core.store.AuditRecord.FindingEntry("fp", "SQL001",
                "medium", "new", "sql", "models/a.sql", 3, dev.lastmile.core.provenance.AuthoredBy.AI)), List.of(), null, null));
        APIGatewayV2HTTPEvent merged = resigned("webhook-pull-request-opened.json", p -> {
            p.put("action", "closed");
            ((ObjectNode) p.path("pull_request")).put("state", "closed").put("merged", true)
                    .put("merged_at", "2026-11-25T07:30:00Z").put("merge_commit_sha", "e5bd3914e2e596debea16f433f57875b5b90bcd6");
        }, "pull_request");
        assertThat(function.handleRequest(merged, null).getStatusCode()).isEqualTo(202);
        assertThat(function.handleRequest(merged, null).getStatusCode()).as("redelivered").isEqualTo(202);

        List<dev.lastmile.core.store.AuditRecord> records = trail.read(new dev.lastmile.core.store.AuditTrail.Query("acme/shop", 42, null)).records();
        assertThat(records).extracting(dev.lastmile.core.store.AuditRecord::event).as("one merge record, however often GitHub sends it")
                .containsExactly(dev.lastmile.core.store.AuditRecord.Event.CHECKS_COMPLETED, dev.lastmile.core.store.AuditRecord.Event.MERGED);
        dev.lastmile.core.store.AuditRecord merge = records.getLast();
        assertThat(merge.merge().commit()).isEqualTo("e5bd3914e2e596debea16f433f57875b5b90bcd6");
        assertThat(merge.merge().mergedAt()).isEqualTo(Instant.parse("2026-11-25T07:30:00Z"));
        assertThat(merge.provenance().aiAuthored()).isTrue();
        assertThat(merge.findings()).extracting(dev.lastmile.core.store.AuditRecord.FindingEntry::fingerprint).containsExactly("fp");
    }

    @Test
    void aReviewOfAQueuedHeadAsksTheReporterToEvaluateTheGateAgain() throws Exception {
        String reports = sqs.createQueue("reports-" + counter + ".fifo");
        function = new WebhookFunction(new WebhookService(new WebhookSignature(SECRET), store, new SqsMessageSender(sqs.client()),
                Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue), false,
                Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC), reports, null));
        java.util.function.Consumer<ObjectNode> review = p -> {
            p.put("action", "submitted");
            p.putObject("review").put("id", 80).put("state", "approved").putObject("user").put("login", "alice").put("type", "User");
        };
        assertThat(body(function.handleRequest(resigned("webhook-pull-request-opened.json", review, "pull_request_review"), null))
                .path("reason").asText()).as("a head lastmile never queued").startsWith("ignored: no lastmile job");

        function.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);
        APIGatewayV2HTTPResponse r = function.handleRequest(resigned("webhook-pull-request-opened.json", review, "pull_request_review"), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(body(r).path("reason").asText()).isEqualTo("queued review");
        assertThat(sqs.receive(reports)).singleElement().satisfies(m -> {
            dev.lastmile.aws.sqs.ReportRequest request = Messages.reportRequest(m.body());
            assertThat(request.isReview()).isTrue();
            assertThat(request.job().jobId()).isEqualTo("pr-42-" + HEAD);
        });
        assertThat(jobs(sqlQueue)).as("no rescan").hasSize(1);
    }

    @Test
    void aQueueThatNeverAnswersEndsWellInsideGitHubsTenSecondsAndReleasesTheClaims() throws Exception {
        // a server that accepts connections and never answers: the SDK's default 30 s socket time-out would outlive
        // the function's 10 s, leaving the claims behind
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    held.forEach(sock -> {
                        try {
                            sock.close();
                        } catch (java.io.IOException ignored) {
                            // closing
                        }
                    });
                }
            });
            software.amazon.awssdk.services.sqs.SqsClient hanging = dev.lastmile.aws.sqs.SqsClients.forEndpoint(
                    java.net.URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("x", "y")),
                    WebhookFunction.CALL_TIMEOUT);
            WebhookFunction slow = new WebhookFunction(service(new SqsMessageSender(hanging), false));
            long start = System.nanoTime();

            APIGatewayV2HTTPResponse r = slow.handleRequest(Events.apiGateway("webhook-pull-request-opened.json"), null);

            long seconds = java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(seconds).as("answered within GitHub's 10 s").isLessThan(8);
            assertThat(store.list("")).as("claims released for the redelivery").isEmpty();
            acceptor.interrupt();
        }
    }
}
