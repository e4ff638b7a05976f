package dev.lastmile.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.github.NpmFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook fed GitHub's own example payloads ({@code @octokit/webhooks-examples}) of every event it may receive,
 * each first checked against GitHub's schemas ({@code @octokit/webhooks-schemas}), and the cases lastmile must get
 * right derived from them (a fork's re-run, a draft, a draft made ready without a push), each derived payload checked
 * against the schemas too. Both packages come from the npm registry (tools/fetch-npm-fixtures.sh); without them the
 * tests skip and say so.
 */
class WebhookExamplesTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Events the App subscribes to (infra/github-app-manifest.json) or may be sent (ping, installation). */
    static final Set<String> RELEVANT = Set.of("pull_request", "push", "check_suite", "check_run", "ping", "installation",
            "installation_repositories");
    /**
     * The events whose examples are held to the schemas too: those lastmile acts on. (GitHub's own
     * installation_repositories example lacks properties its schema requires, such as suspended_at; lastmile only
     * acknowledges those events, which the test still checks.)
     */
    static final Set<String> ACTED_ON = Set.of("pull_request", "push", "check_suite", "check_run", "ping");

    private static Map<String, List<ObjectNode>> examples;
    private static JsonNode schemas;

    @TempDir
    Path dir;
    private WebhookService service;
    private final List<ScanJob> sent = new ArrayList<>();
    private final AtomicInteger deliveries = new AtomicInteger();

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(NpmFixtures.webhookExamples().isPresent() && NpmFixtures.webhookSchemas().isPresent(), NpmFixtures.ABSENT);
        examples = new HashMap<>();
        for (JsonNode e : MAPPER.readTree(Files.readAllBytes(NpmFixtures.webhookExamples().get()))) {
            List<ObjectNode> list = new ArrayList<>();
            e.path("examples").forEach(x -> list.add((ObjectNode) x));
            examples.put(e.path("name").asText(), list);
        }
        schemas = MAPPER.readTree(Files.readAllBytes(NpmFixtures.webhookSchemas().get()));
    }

    @BeforeEach
    void service() {
        MessageSender sender = (queue, body, group, dedup) -> sent.add(Messages.scanJob(body));
        Map<CheckFamily, String> queues = new HashMap<>();
        for (CheckFamily f : CheckFamily.values()) {
            queues.put(f, "https://sqs.us-east-1.amazonaws.com/000000000000/" + f.check());
        }
        service = new WebhookService(new WebhookSignature(SECRET), new LocalObjectStore(dir), sender, queues, false,
                Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
    }

    /** GitHub's schema of one event: its definition in the schema file. */
    static List<String> violations(String event, JsonNode payload) {
        ObjectNode wrapper = MAPPER.createObjectNode();
        wrapper.put("$schema", "http://json-schema.org/draft-07/schema#");
        wrapper.set("definitions", schemas.get("definitions"));
        // events with actions are defined as "<event>_event" (one of its actions), those without as "<event>$event"
        String name = schemas.get("definitions").has(event + "_event") ? event + "_event" : event + "$event";
        assertThat(schemas.get("definitions").has(name)).as("GitHub's schemas define " + event).isTrue();
        wrapper.putArray("allOf").addObject().put("$ref", "#/definitions/" + name);
        // formats are annotations in draft-07, and GitHub's own examples write some times as "2018-04-25 20:42:10"
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(wrapper,
                com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build());
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).toList();
    }

    /** As an App's delivery: every App delivery names its installation (repository webhooks' examples may not). */
    static ObjectNode asAppDelivery(ObjectNode example) {
        ObjectNode p = example.deepCopy();
        if (!p.has("installation")) {
            p.putObject("installation").put("id", 4242).put("node_id", "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==");
        }
        return p;
    }

    private WebhookResponse deliver(String event, JsonNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-GitHub-Event", event,
                "X-GitHub-Delivery", "00000000-0000-0000-0000-" + String.format("%012d", deliveries.incrementAndGet()),
                "X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body), "Content-Type", "application/json");
        return service.handle(headers, new String(body, StandardCharsets.UTF_8), false);
    }

    /** GitHub's example of {@code event.action} that its schema accepts, an App's (with an installation) first. */
    private static ObjectNode example(String event, String action) {
        List<ObjectNode> candidates = examples.get(event).stream().filter(x -> action.equals(x.path("action").asText(null)))
                .filter(x -> violations(event, x).isEmpty()).toList();
        return candidates.stream().filter(x -> x.has("installation")).findFirst()
                .or(() -> candidates.stream().findFirst())
                .orElseThrow(() -> new AssertionError("no valid example of " + event + "." + action));
    }

    @Test
    void everyRelevantExampleIsValidAndAnsweredWithoutAnErrorAndQueuedWhenItShouldBe() {
        int fed = 0;
        // GitHub's oldest examples (the "Codertocat" ones, first of each event) lack properties its schemas have
        // required since; they are still fed to the webhook, and every event keeps most of its examples valid
        Map<String, Integer> valid = new HashMap<>();
        Set<String> queuedJobs = new java.util.HashSet<>();
        List<String> drifted = new ArrayList<>();
        for (String event : RELEVANT) {
            for (ObjectNode example : examples.getOrDefault(event, List.of())) {
                String action = example.path("action").asText("");
                if (ACTED_ON.contains(event)) {
                    if (violations(event, example).isEmpty()) {
                        valid.merge(event, 1, Integer::sum);
                    } else {
                        drifted.add(event + "." + action + " " + violations(event, example).getFirst());
                    }
                }
                ObjectNode payload = asAppDelivery(example);
                sent.clear();

                WebhookResponse r = deliver(event, payload);
                fed++;

                assertThat(r.status()).as("%s.%s: %s", event, action, r.reason()).isIn(200, 202);
                JsonNode pr = payload.path("pull_request");
                boolean prToScan = event.equals("pull_request") && Set.of("opened", "synchronize", "reopened", "ready_for_review").contains(action)
                        && pr.path("state").asText().equals("open");
                boolean pushToDefault = event.equals("push") && payload.path("ref").asText()
                        .equals("refs/heads/" + payload.path("repository").path("default_branch").asText()) && !payload.path("deleted").asBoolean();
                if ((prToScan || pushToDefault) && r.reason().equals("already queued by an earlier event")) {
                    // GitHub's examples repeat some heads: the second event for a head is claimed, not scanned twice
                    assertThat(queuedJobs).as("%s.%s", event, action).contains(r.jobId());
                    assertThat(sent).isEmpty();
                    continue;
                }
                sent.forEach(j -> queuedJobs.add(j.jobId()));
                if (prToScan) {
                    assertThat(r.reason()).as("%s.%s", event, action).isEqualTo("queued");
                    assertThat(sent).as("%s.%s", event, action).hasSize(CheckFamily.values().length).allSatisfy(j -> {
                        assertThat(j.pullRequest()).isEqualTo(pr.path("number").asInt());
                        assertThat(j.head()).isEqualTo(pr.path("head").path("sha").asText());
                        assertThat(j.base()).isEqualTo(pr.path("base").path("sha").asText());
                        assertThat(j.draft() != ScanJob.Draft.NONE).isEqualTo(pr.path("draft").asBoolean());
                    });
                } else if (pushToDefault) {
                    assertThat(sent).as("push to the default branch").isNotEmpty().allSatisfy(j -> {
                        assertThat(j.mode()).isEqualTo(ScanMode.FULL);
                        assertThat(j.jobId()).isEqualTo(ScanJob.fullScanJobId(payload.path("after").asText(), java.time.LocalDate.parse("2026-11-25")));
                    });
                } else if (!event.startsWith("check_")) {
                    assertThat(sent).as("%s.%s queues nothing", event, action).isEmpty();
                }
            }
        }
        assertThat(fed).isGreaterThan(50);
        for (String event : ACTED_ON) {
            long all = examples.get(event).size();
            assertThat(valid.getOrDefault(event, 0)).as("%s examples valid against GitHub's schema (drifted: %s)", event, drifted)
                    .isGreaterThan((int) all / 2);
        }
    }

    @Test
    void aDraftIsQueuedForItsPolicyAndMarkedReadyWithoutAPushItIsQueuedAgainAsItsOwnJob() {
        ObjectNode draft = asAppDelivery(example("pull_request", "opened"));
        ((ObjectNode) draft.get("pull_request")).put("draft", true);
        assertThat(violations("pull_request", draft)).isEmpty();
        deliver("pull_request", draft);
        List<ScanJob> draftJobs = List.copyOf(sent);
        sent.clear();
        assertThat(draftJobs).isNotEmpty().allSatisfy(j -> assertThat(j.draft()).isEqualTo(ScanJob.Draft.SKIP_BY_DEFAULT));

        // GitHub's ready_for_review example, on the same pull request and head
        ObjectNode ready = asAppDelivery(example("pull_request", "ready_for_review"));
        ready.set("pull_request", draft.get("pull_request").deepCopy());
        ((ObjectNode) ready.get("pull_request")).put("draft", false);
        ready.set("repository", draft.get("repository"));
        assertThat(violations("pull_request", ready)).isEmpty();

        WebhookResponse r = deliver("pull_request", ready);

        assertThat(r.reason()).isEqualTo("queued");
        assertThat(sent).isNotEmpty().allSatisfy(j -> {
            assertThat(j.draft()).isEqualTo(ScanJob.Draft.NONE);
            assertThat(j.head()).isEqualTo(draftJobs.getFirst().head());
            assertThat(j.jobId()).isNotEqualTo(draftJobs.getFirst().jobId());
        });
    }

    @Test
    void aCheckSuiteRequestedForADraftsHeadDoesNotScanIt() {
        ObjectNode draft = asAppDelivery(example("pull_request", "opened"));
        ((ObjectNode) draft.get("pull_request")).put("draft", true);
        deliver("pull_request", draft);
        sent.clear();
        JsonNode pr = draft.get("pull_request");
        ObjectNode suite = asAppDelivery(example("check_suite", "requested"));
        ObjectNode cs = (ObjectNode) suite.get("check_suite");
        cs.put("head_sha", pr.path("head").path("sha").asText()).put("head_branch", pr.path("head").path("ref").asText());
        ArrayNode prs = cs.putArray("pull_requests");
        ObjectNode item = prs.addObject();
        item.put("url", pr.path("url").asText()).put("id", pr.path("id").asLong()).put("number", pr.path("number").asInt());
        item.set("head", MAPPER.createObjectNode().put("ref", pr.path("head").path("ref").asText()).put("sha", pr.path("head").path("sha").asText())
                .set("repo", MAPPER.createObjectNode().put("id", 1).put("url", "https://api.github.com/repos/o/r").put("name", "r")));
        item.set("base", MAPPER.createObjectNode().put("ref", pr.path("base").path("ref").asText()).put("sha", pr.path("base").path("sha").asText())
                .set("repo", MAPPER.createObjectNode().put("id", 1).put("url", "https://api.github.com/repos/o/r").put("name", "r")));
        suite.set("repository", draft.get("repository"));
        assertThat(violations("check_suite", suite)).isEmpty();

        WebhookResponse r = deliver("check_suite", suite);

        assertThat(r.status()).isEqualTo(202);
        assertThat(sent).isEmpty();
    }

    @Test
    void aReRunOfAForkPullRequestsCheckRunFindsItsPullRequest() {
        ObjectNode opened = asAppDelivery(example("pull_request", "opened"));
        // the head lives in a fork
        ObjectNode head = (ObjectNode) opened.get("pull_request").get("head");
        ((ObjectNode) head.get("repo")).put("fork", true).put("full_name", "someone/" + head.path("repo").path("name").asText());
        assertThat(violations("pull_request", opened)).isEmpty();
        deliver("pull_request", opened);
        ScanJob first = sent.getFirst();
        sent.clear();

        // GitHub's check_run.rerequested example: as for a fork, it lists no pull request
        ObjectNode rerun = asAppDelivery(example("check_run", "rerequested"));
        assertThat(rerun.path("check_run").path("pull_requests")).isEmpty();
        ObjectNode run = (ObjectNode) rerun.get("check_run");
        run.put("name", CheckFamily.SQL.checkRunName()).put("head_sha", first.head()).put("external_id", first.jobId());
        ((ObjectNode) run.get("check_suite")).put("head_sha", first.head()).put("head_branch", head.path("ref").asText());
        rerun.set("repository", opened.get("repository"));
        assertThat(violations("check_run", rerun)).isEmpty();

        WebhookResponse r = deliver("check_run", rerun);

        assertThat(r.reason()).isEqualTo("queued");
        assertThat(sent).singleElement().satisfies(j -> {
            assertThat(j.pullRequest()).isEqualTo(first.pullRequest());
            assertThat(j.base()).isEqualTo(first.base());
            assertThat(j.checks()).containsExactly("sql");
            assertThat(j.jobId()).startsWith(first.jobId() + "-rerun-");
        });
    }
}
