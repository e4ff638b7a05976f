package dev.lastmile.functions.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.Events;
import dev.lastmile.github.AppJwt;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.InstallationTokens;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The nightly full scan against a WireMock GitHub (documented payload shapes), S3Proxy and ElasticMQ. */
class ScheduledScanFunctionTest {

    static final String SHA = "7638417db6d59f3c431d3e1f261cc637155684cd";

    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static ElasticMqFixture sqs;
    private static WireMockServer github;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.createBucket("findings");
        sqs = ElasticMqFixture.start();
        github = new WireMockServer(options().dynamicPort());
        github.start();
        String page2 = github.baseUrl() + "/app/installations?per_page=100&page=2";
        github.stubFor(get("/app/installations?per_page=100").withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(okJson("[{\"id\":4242,\"account\":{\"login\":\"acme\"},\"suspended_at\":null}]")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\"")));
        github.stubFor(get(urlEqualTo("/app/installations?per_page=100&page=2"))
                .willReturn(okJson("[{\"id\":99,\"account\":{\"login\":\"paused\"},\"suspended_at\":\"2026-11-01T00:00:00Z\"}]")));
        github.stubFor(post("/app/installations/4242/access_tokens").willReturn(aResponse().withStatus(201)
                .withBody("{\"token\":\"ghs_sched\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
        github.stubFor(get("/installation/repositories?per_page=100").willReturn(okJson("{\"total_count\":4,\"repositories\":["
                + "{\"full_name\":\"acme/shop\",\"default_branch\":\"main\",\"archived\":false,\"disabled\":false,\"size\":108},"
                + "{\"full_name\":\"acme/old\",\"default_branch\":\"main\",\"archived\":true,\"size\":50},"
                + "{\"full_name\":\"acme/empty\",\"default_branch\":\"main\",\"archived\":false,\"size\":0},"
                + "{\"full_name\":\"acme/gone\",\"default_branch\":\"trunk\",\"archived\":false,\"size\":3},"
                + "{\"full_name\":\"acme/broken\",\"default_branch\":\"main\",\"archived\":false,\"size\":9}]}")));
        github.stubFor(get("/repos/acme/shop/commits/main").willReturn(okJson("{\"sha\":\"" + SHA + "\"}")));
        github.stubFor(get("/repos/acme/broken/commits/main").willReturn(aResponse().withStatus(500).withBody("{\"message\":\"boom\"}")));
        github.stubFor(get("/repos/acme/gone/commits/trunk").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No commit found for SHA: trunk\"}")));
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3proxy.close();
        sqs.close();
        github.stop();
    }

    @Test
    void everyInstalledRepositoryIsQueuedForAFullScanOncePerDay() throws Exception {
        String sqlQueue = sqs.createQueue("sched-sql");
        String secretsQueue = sqs.createQueue("sched-secrets");
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), new TestApp.MutableClock(Instant.parse("2026-11-25T03:00:00Z")),
                new TestApp.RecordingSleeper());
        InstallationTokens tokens = new InstallationTokens(http, TestApp.APP_ID, AppJwt.privateKey(TestApp.pkcs1Pem()));
        S3ObjectStore store = new S3ObjectStore(s3, "findings", "sched");
        ScheduledScans scans = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id),
                store, new SqsMessageSender(sqs.client()),
                Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue),
                java.time.Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), java.time.ZoneOffset.UTC));
        ScheduledScanFunction function = new ScheduledScanFunction(scans);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new ObjectMapper().convertValue(Events.json("schedule.json"), Map.class);

        Map<String, Object> first = function.handleRequest(event, null);

        assertThat(first).containsEntry("installations", 1).containsEntry("repositories", 5).containsEntry("queued", 1)
                .containsEntry("skipped", 3);
        assertThat((List<?>) first.get("problems")).singleElement().asString().startsWith("acme/broken: ");
        JsonNode decided = new ObjectMapper().readTree(store.get((String) first.get("decisions")).orElseThrow());
        assertThat(decided.path("repositories").path("acme/shop").asText()).isEqualTo("queued full-" + SHA + "-2026-11-25");
        assertThat(decided.path("repositories").path("acme/old").asText()).startsWith("skipped: archived");
        assertThat(decided.path("repositories").path("acme/broken").asText()).startsWith("failed: ");
        List<ScanJob> jobs = sqs.receive(sqlQueue).stream().map(m -> Messages.scanJob(m.body())).toList();
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.repository()).isEqualTo("acme/shop");
            assertThat(j.mode()).isEqualTo(ScanMode.FULL);
            assertThat(j.head()).isEqualTo(SHA);
            assertThat(j.jobId()).isEqualTo("full-" + SHA + "-2026-11-25");
            assertThat(j.installationId()).isEqualTo(4242L);
            assertThat(j.checks()).containsExactly("sql", "secrets");
            assertThat(j.deliveryId()).isEqualTo("schedule-53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
        });
        assertThat(sqs.receive(secretsQueue)).hasSize(1);
        github.verify(0, getRequestedFor(urlEqualTo("/repos/acme/old/commits/main")));

        // EventBridge delivers at least once: the same day's second run queues nothing
        Map<String, Object> again = function.handleRequest(event, null);
        assertThat(again).containsEntry("queued", 0);
        assertThat(sqs.receive(sqlQueue)).isEmpty();

        // the next day, with the head unmoved: a scan that completed for only one family is repeated ...
        ScheduledScans tomorrow = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id), store,
                new SqsMessageSender(sqs.client()), Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue),
                java.time.Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), java.time.ZoneOffset.UTC));
        String runs = "runs/acme/shop/full-" + SHA + "-2026-11-25/";
        store.put(runs + "sql.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        assertThat(tomorrow.run("day-2a").queued()).isEqualTo(1);
        sqs.receive(sqlQueue);
        sqs.receive(secretsQueue);

        // ... and once every family has its run document for that head, the repository is skipped, and the reason kept
        store.put(runs + "secrets.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        ScheduledScans dayThree = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id), store,
                new SqsMessageSender(sqs.client()), Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue),
                java.time.Clock.fixed(Instant.parse("2026-11-27T03:00:00Z"), java.time.ZoneOffset.UTC));
        ScheduledScans.Outcome unchanged = dayThree.run("day-3");
        assertThat(unchanged.queued()).isZero();
        assertThat(sqs.receive(sqlQueue)).isEmpty();
        JsonNode why = new ObjectMapper().readTree(store.get(unchanged.decisionsKey()).orElseThrow());
        assertThat(why.path("repositories").path("acme/shop").asText())
                .isEqualTo("skipped: " + SHA + " is unchanged since its complete full scan of the last 7 days");

        // a week later the unmoved head is scanned again (advisories published since must surface)
        ScheduledScans weekLater = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id), store,
                new SqsMessageSender(sqs.client()), Map.of(CheckFamily.SQL, sqlQueue, CheckFamily.SECRETS, secretsQueue),
                java.time.Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), java.time.ZoneOffset.UTC));
        assertThat(weekLater.run("day-8").queued()).isEqualTo(1);
    }

    @Test
    void withoutQueuesNothingIsAskedOfGitHub() {
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), null, new TestApp.RecordingSleeper());
        InstallationTokens tokens = new InstallationTokens(http, TestApp.APP_ID, AppJwt.privateKey(TestApp.pkcs1Pem()));
        int before = github.getAllServeEvents().size();
        ScheduledScans.Outcome o = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id),
                new S3ObjectStore(s3, "findings", "none"), new SqsMessageSender(sqs.client()), Map.of(), null).run("e");
        assertThat(o.queued()).isZero();
        assertThat(o.problems()).containsExactly("no check queue configured");
        assertThat(github.getAllServeEvents()).hasSize(before);
    }

    /**
     * A large installation: each job is sent soon after it is claimed (never every claim first and every send at the
     * end, which a time-out would leave as claims without messages), and a run short of time stops, says so, and
     * the next run of the day picks up exactly the rest.
     */
    @Test
    void jobsAreSentAsTheyAreClaimedAndARunShortOfTimeLeavesTheRestToTheNextOne() {
        WireMockServer big = new WireMockServer(options().dynamicPort());
        big.start();
        try {
            big.stubFor(get("/app/installations?per_page=100").willReturn(okJson("[{\"id\":7,\"suspended_at\":null}]")));
            big.stubFor(post("/app/installations/7/access_tokens").willReturn(aResponse().withStatus(201)
                    .withBody("{\"token\":\"ghs_big\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
            StringBuilder repos = new StringBuilder();
            int count = ScheduledScans.SEND_EVERY + 5;
            for (int i = 0; i < count; i++) {
                repos.append(i == 0 ? "" : ",").append("{\"full_name\":\"big/r").append(i).append("\",\"default_branch\":\"main\",\"size\":5}");
            }
            big.stubFor(get("/installation/repositories?per_page=100").willReturn(okJson("{\"repositories\":[" + repos + "]}")));
            big.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/big/r\\d+/commits/main"))
                    .willReturn(okJson("{\"sha\":\"" + SHA + "\"}")));
            GitHubHttp http = TestApp.http(URI.create(big.baseUrl()), null, new TestApp.RecordingSleeper());
            InstallationTokens tokens = new InstallationTokens(http, TestApp.APP_ID, AppJwt.privateKey(TestApp.pkcs1Pem()));
            S3ObjectStore store = new S3ObjectStore(s3, "findings", "big");
            String queue = sqs.createQueue("sched-big");
            SqsMessageSender real = new SqsMessageSender(sqs.client());
            List<Integer> claimsAtEachSend = new java.util.ArrayList<>();
            dev.lastmile.aws.sqs.MessageSender watching = new dev.lastmile.aws.sqs.MessageSender() {
                @Override
                public void send(String queueUrl, String body, String groupId, String deduplicationId) {
                    real.send(queueUrl, body, groupId, deduplicationId);
                }

                @Override
                public List<String> sendAll(String queueUrl, List<String> bodies) {
                    claimsAtEachSend.add(store.list("jobs/").size());
                    return real.sendAll(queueUrl, bodies);
                }
            };
            java.time.Clock day = java.time.Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), java.time.ZoneOffset.UTC);
            ScheduledScans scans = new ScheduledScans(http, tokens, id -> new GitHubApi(http, tokens, id), store, watching,
                    Map.of(CheckFamily.SQL, queue), day);

            // time runs short after the first SEND_EVERY + 2 repositories
            int[] asked = {0};
            ScheduledScans.Outcome first = scans.run("big-1",
                    () -> ++asked[0] <= ScheduledScans.SEND_EVERY + 2 ? 300_000 : ScheduledScans.STOP_WITH_MILLIS_LEFT - 1);

            assertThat(first.complete()).isFalse();
            assertThat(first.queued()).isEqualTo(ScheduledScans.SEND_EVERY + 2);
            assertThat(claimsAtEachSend.getFirst()).as("claims made before the first send").isEqualTo(ScheduledScans.SEND_EVERY);
            assertThat(depth(queue)).isEqualTo(ScheduledScans.SEND_EVERY + 2);
            assertThat(first.problems()).singleElement().asString().startsWith("time ran out");

            ScheduledScans.Outcome rest = scans.run("big-2");
            assertThat(rest.complete()).isTrue();
            assertThat(rest.queued()).isEqualTo(count - ScheduledScans.SEND_EVERY - 2);
            assertThat(rest.skipped()).isEqualTo(ScheduledScans.SEND_EVERY + 2);
            assertThat(depth(queue)).as("every repository's job, each once").isEqualTo(count);
        } finally {
            big.stop();
        }
    }

    private static int depth(String queue) {
        var n = software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;
        return Integer.parseInt(sqs.client().getQueueAttributes(b -> b.queueUrl(queue).attributeNames(n)).attributes().get(n));
    }
}
