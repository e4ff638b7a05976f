package dev.lastmile.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.github.TestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * infra/template.yaml deployed to a moto server on loopback, with IAM enforced, and the real handlers run against it
 * each with <b>its own role's credentials</b>: a permission the template forgot (or a call the code makes that its
 * role does not allow) fails here, which the one-JVM pipeline test, whose clients may do anything, cannot see.
 *
 * <p>infra/scripts/moto-server.py starts moto (and says which gaps of moto's policy evaluation it mends);
 * infra/scripts/moto-deploy.py transforms the template with the SAM translator, creates it through moto's
 * CloudFormation, creates what moto's CloudFormation cannot (the secret, the alarms, the bucket policy), lets the test
 * assume every function's role, and lists what it left out and why (the Lambda functions themselves, run here, and
 * the HTTP API, whose event the test hands the webhook). Each handler runs in a JVM of its own, constructed with its
 * no-argument constructor and given the environment Lambda would give it: its template environment with every
 * reference resolved, and its role's temporary credentials. GitHub is WireMock. Skipped, saying why, where the
 * machine's Python lacks moto, boto3, cfn-lint or the SAM translator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentOnMotoTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHA = "7638417db6d59f3c431d3e1f261cc637155684cd";
    static final String PR_BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    static final String PR_HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private static Process moto;
    private static Path motoLog;
    private static WireMockServer github;
    private static URI endpoint;
    private static JsonNode deployed;
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void deploy() throws Exception {
        String missing = Python.missing("moto", "boto3", "flask", "samtranslator", "cfnlint");
        Assumptions.assumeTrue(missing == null, missing);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        motoLog = Files.createTempFile("moto", ".log");
        moto = new ProcessBuilder("python3", "infra/scripts/moto-server.py", String.valueOf(port))
                .directory(Template.root().toFile()).redirectErrorStream(true).redirectOutput(motoLog.toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitPort(port);

        github = new WireMockServer(options().dynamicPort());
        github.start();
        github.stubFor(get("/app/installations?per_page=100").willReturn(okJson("[{\"id\":4242,\"suspended_at\":null}]")));
        github.stubFor(post("/app/installations/4242/access_tokens").willReturn(aResponse().withStatus(201)
                .withBody("{\"token\":\"ghs_moto\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
        github.stubFor(get("/installation/repositories?per_page=100").willReturn(okJson(
                "{\"repositories\":[{\"full_name\":\"acme/shop\",\"default_branch\":\"main\",\"size\":108}]}")));
        github.stubFor(get("/repos/acme/shop/commits/main").willReturn(okJson("{\"sha\":\"" + SHA + "\"}")));
        // the reporter's calls (the pull request of events/sqs-report.json)
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/commits/" + PR_HEAD + "/check-runs"))
                .willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        github.stubFor(post("/repos/acme/shop/check-runs").willReturn(aResponse().withStatus(201).withBody("{\"id\":11}")));
        github.stubFor(patch(urlMatching("/repos/acme/shop/check-runs/\\d+")).willReturn(okJson("{}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(okJson("[]")));
        github.stubFor(post("/repos/acme/shop/issues/42/comments").willReturn(aResponse().withStatus(201).withBody("{\"id\":77}")));

        Path pem = Files.createTempFile("app", ".pem");
        Files.writeString(pem, TestApp.pkcs1Pem());
        Python.Result r = Python.run(Template.root(), 600, "python3", "infra/scripts/moto-deploy.py", endpoint.toString(),
                pem.toString(), TestApp.APP_ID, "It's a Secret to Everybody", "GitHubApiUrl=" + github.baseUrl());
        Files.delete(pem);
        assertThat(r.exit()).as("moto-deploy.py: %s\nmoto: %s", r.err(), tail(motoLog)).isZero();
        deployed = JSON.readTree(r.out());
        var admin = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                deployed.path("admin").path("accessKeyId").asText(), deployed.path("admin").path("secretAccessKey").asText()));
        s3 = S3Clients.forEndpoint(endpoint, "eu-west-1", admin);
        // the stack's region (SqsClients.forEndpoint would ask us-east-1, where moto has no such queue)
        sqs = SqsClient.builder().endpointOverride(endpoint).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(admin).httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
            sqs.close();
        }
        if (github != null) {
            github.stop();
        }
        if (moto != null) {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
            Files.deleteIfExists(motoLog);
        }
    }

    @Test
    @Order(1)
    void theStackIsCreatedAndWhatItLeavesOutIsSaid() {
        assertThat(deployed.path("notCreatedByMoto").toString())
                .as("resources neither moto's CloudFormation nor the test created").isEqualTo("[\"AlarmEmailSubscription\"]");
        assertThat(deployed.path("leftOut").toString()).contains("WebhookFunction", "ScheduledScanFunctionAliaslive");
        assertThat(deployed.path("createdByTheTest").fieldNames()).toIterable().contains("GitHubAppSecret", "FindingsBucketPolicy",
                "FindingsBucket.ObjectLockConfiguration");
        assertThat(deployed.path("functions").fieldNames()).toIterable().containsAll(TemplateTest.functions().keySet());
    }

    @Test
    @Order(2)
    void theWebhookClaimsTheDeliveryAndQueuesEveryFamilyWithItsOwnRole() throws Exception {
        String out = invoke("WebhookFunction", "webhook-pull-request-opened.json");
        assertThat(out).contains("ANSWER 202");
        for (String q : List.of("SqlJobsQueue", "SecretsJobsQueue", "LicensesJobsQueue", "ResidencyJobsQueue", "ImpactJobsQueue")) {
            assertThat(depth(q)).as(q).isEqualTo(1);
        }
        assertThat(keys("deliveries/")).hasSize(1);
    }

    @Test
    @Order(3)
    void theSchedulerReleasesTheClaimOfAJobItCouldNotQueue() throws Exception {
        // the residency queue is gone: the scheduler's job reaches the other families but not that one, so it must
        // release its claim (s3:DeleteObject on jobs/*), or no later run today could queue the repository again
        sqs.deleteQueue(b -> b.queueUrl(queue("ResidencyJobsQueue")));
        String out = invoke("ScheduledScanFunction", "schedule.json");
        assertThat(out).contains("queued=0").contains("acme/shop: its scan job could not be queued");
        assertThat(keys("jobs/acme/shop/full-")).as("the released claim").isEmpty();
        assertThat(keys("schedules/")).hasSize(1);
        assertThat(depth("SqlJobsQueue")).as("the webhook's job and the scheduler's").isEqualTo(2);
    }

    @Test
    @Order(4)
    void theReporterReadsTheRunAndPostsItsCheckRunAndCommentWithItsOwnRole() throws Exception {
        // the run document events/sqs-report.json names, stored as the sql check function would store it
        JsonNode job = JSON.readTree(dev.lastmile.functions.common.Events.json("sqs-report.json").path("Records").get(0)
                .path("body").asText()).path("job");
        var source = new dev.lastmile.core.source.InMemorySource("acme/shop").put(PR_BASE, "models/a.sql", "select 1\n")
                .put(PR_HEAD, "models/a.sql", "select 1\n-- TODO one\n");
        var check = new dev.lastmile.functions.common.TodoCheck("sql");
        var result = new dev.lastmile.core.engine.ScanEngine().scan(new dev.lastmile.core.engine.ScanEngine.Request(source,
                PR_BASE, PR_HEAD, dev.lastmile.core.scan.ScanMode.PULL_REQUEST, 42, null, List.of(check), null));
        var store = new dev.lastmile.core.store.FindingsStore(new dev.lastmile.aws.s3.S3ObjectStore(s3,
                deployed.path("bucket").asText(), ""));
        assertThat(store.save(job.path("jobId").asText(), result, result.runs().getFirst()).runDocument())
                .isEqualTo("runs/acme/shop/" + job.path("jobId").asText() + "/sql.json");

        String out = invoke("ReporterFunction", "sqs-report.json");
        assertThat(out).contains("ANSWER failures=0");
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
    }

    @Test
    @Order(5)
    void theReportReadsTheStoreAndWritesItsFilesWithItsOwnRole() throws Exception {
        String out = invoke("ReportFunction", "schedule.json");
        assertThat(out).contains("ANSWER {runsRead=");
        assertThat(keys("reports/latest/")).isNotEmpty();
    }

    /**
     * The bucket carries the template's Object Lock configuration, and the reporter's role (a writer of the audit trail)
     * can append a locked audit record but not delete it; a locked version cannot be deleted even by the admin without
     * bypassing governance.
     */
    @Test
    @Order(6)
    void theAuditTrailIsObjectLockedAndItsWriterCanAppendButNotDelete() throws Exception {
        String bucket = deployed.path("bucket").asText();
        var lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
        assertThat(lock.objectLockEnabledAsString()).isEqualTo("Enabled");
        assertThat(lock.rule()).as("no bucket-wide default retention").isNull();

        JsonNode role = deployed.path("functions").path("ReporterFunction").path("credentials");
        var reporterCredentials = StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                role.path("accessKeyId").asText(), role.path("secretAccessKey").asText(), role.path("sessionToken").asText()));
        try (S3Client asReporter = S3Clients.forEndpoint(endpoint, "eu-west-1", reporterCredentials)) {
            var store = new dev.lastmile.aws.s3.S3ObjectStore(asReporter, bucket, "");
            var record = new dev.lastmile.core.store.AuditRecord("acme/shop", 42,
                    dev.lastmile.core.store.AuditRecord.Event.CHECKS_COMPLETED, "pr-42-" + PR_HEAD, java.time.Instant.now(),
                    PR_HEAD, PR_BASE, null, null, ".lastmile.yml", null, null, null, null, null, null);
            var trail = new dev.lastmile.core.store.AuditTrail(store, java.time.Duration.ofDays(
                    Integer.parseInt(deployed.path("functions").path("ReporterFunction").path("environment")
                            .path("LASTMILE_AUDIT_RETENTION_DAYS").asText())));
            String key = trail.append(record).orElseThrow();
            assertThat(trail.append(record)).as("never overwritten").isEmpty();

            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            assertThat(head.objectLockModeAsString()).isEqualTo("GOVERNANCE");
            assertThat(head.objectLockRetainUntilDate()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(365)));

            assertThatThrownBy(() -> asReporter.deleteObject(b -> b.bucket(bucket).key(key)))
                    .as("the writer's role may not delete").isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
                    .satisfies(e -> assertThat(((software.amazon.awssdk.services.s3.model.S3Exception) e).statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> asReporter.deleteObject(b -> b.bucket(bucket).key(key).versionId(head.versionId())))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(head.versionId())))
                    .as("a locked version stays, even for the admin, unless governance is bypassed")
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            assertThat(keys("audit/acme/shop/pr-42/")).containsExactly(key);
        }
    }

    @Test
    @Order(7)
    void eachCheckFunctionReadsItsJobStoresItsRunAndQueuesItsReportWithItsOwnRole() throws Exception {
        // the repository comes from a local git directory (the job's localPath, as with sam local): what is exercised
        // here is AWS (the App's secret, the store, the report queue, each function's own role), not GitHub's API
        Path repo = Files.createTempDirectory("moto-repo");
        String base;
        String head;
        var who = new org.eclipse.jgit.lib.PersonIdent("t", "t@example.com");
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("dbt_project.yml"), "name: shop\nversion: '1.0'\nprofile: shop\nmodel-paths: ['models']\n");
            Files.createDirectories(repo.resolve("models"));
            Files.writeString(repo.resolve("models/customers.sql"), "select id as customer_id, email from raw.customers\n");
            Files.writeString(repo.resolve("models/orders.sql"), "select id, customer_id, amount from raw.orders\n");
            git.add().addFilepattern(".").call();
            base = git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call().getName();
            Files.writeString(repo.resolve("models/orders.sql"),
                    "select o.id, o.amount, c.email from raw.orders o join {{ ref('customers') }} c on c.customer_id = o.customer_id\n");
            Files.writeString(repo.resolve("profiles.yml"),
                    "shop:\n  outputs:\n    ci:\n      type: postgres\n      password: \"Xq7-v9Lm2pR4tZ8w\"\n");
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("orders with e-mail").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
        // the check run each function marks in progress (GitHub is WireMock here)
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/acme/shop/commits/" + head
                + "/check-runs")).willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        int reportsBefore = depth("ReportsQueue");
        String jobId = "pr-77-" + head;
        for (dev.lastmile.core.scan.CheckFamily f : dev.lastmile.core.scan.CheckFamily.values()) {
            var body = JSON.createObjectNode().put("v", 1).put("type", "scan").put("jobId", jobId)
                    .put("repository", "acme/shop").put("installationId", 4242).put("base", base).put("head", head)
                    .put("pullRequest", 77).put("mode", "pull-request").put("deliveryId", "moto-" + f.check())
                    .put("createdAt", java.time.Instant.now().toString()).put("localPath", repo.toString());
            body.putArray("checks").add(f.check());
            var record = JSON.createObjectNode().put("messageId", "moto-" + f.check()).put("receiptHandle", "moto")
                    .put("body", JSON.writeValueAsString(body))
                    .put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:" + f.queueLogicalId());
            record.putObject("attributes").put("ApproximateReceiveCount", "1");
            var event = JSON.createObjectNode();
            event.putArray("Records").add(record);
            Path file = Files.createTempFile("sqs-" + f.check(), ".json");
            Files.writeString(file, JSON.writeValueAsString(event));

            String out = invoke(f.functionLogicalId(), file.toAbsolutePath().toString());
            assertThat(out).as(f.functionLogicalId()).contains("ANSWER failures=0");
            assertThat(keys("runs/acme/shop/" + jobId + "/" + f.check() + ".json")).as(f.check()).hasSize(1);
            assertThat(keys("runs/acme/shop/" + jobId + "/" + f.check() + ".sarif")).as(f.check()).hasSize(1);
        }
        assertThat(depth("ReportsQueue")).as("one report per family").isEqualTo(reportsBefore
                + dev.lastmile.core.scan.CheckFamily.values().length);
        // a family's role reaches its own results only: the findings it stored name it
        var doc = dev.lastmile.core.store.RunDocument.parse(s3.getObjectAsBytes(b -> b.bucket(deployed.path("bucket").asText())
                .key("runs/acme/shop/" + jobId + "/secrets.json")).asByteArray());
        assertThat(doc.run().findings()).extracting(dev.lastmile.core.model.Finding::ruleId).isNotEmpty();
    }

    @Test
    @Order(8)
    void theRedelivererReadsTheAppsSecretAndAsksGitHubAgainForAFailedDeliveryWithItsOwnRole() throws Exception {
        github.stubFor(get(urlEqualTo("/app/hook/deliveries?per_page=100")).willReturn(okJson("[{\"id\":901,\"guid\":\"g-1\","
                + "\"delivered_at\":\"" + java.time.Instant.now().minusSeconds(60) + "\",\"status_code\":502,"
                + "\"status\":\"Bad Gateway\",\"event\":\"pull_request\",\"redelivery\":false}]")));
        github.stubFor(post("/app/hook/deliveries/901/attempts").willReturn(aResponse().withStatus(202).withBody("{}")));
        String out = invoke("RedelivererFunction", "schedule.json");
        assertThat(out).contains("redelivered=1");
        github.verify(1, postRequestedFor(urlEqualTo("/app/hook/deliveries/901/attempts")));
    }

    /** Runs the function's handler as Lambda would, with its environment and its role's credentials. */
    static String invoke(String function, String event) throws Exception {
        JsonNode f = deployed.path("functions").path(function);
        String handler = f.path("handler").asText();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InvokeHandler.class.getName(),
                handler.substring(0, handler.indexOf("::")), event));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LASTMILE_") || k.startsWith("AWS_"));
        f.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.put("LASTMILE_S3_ENDPOINT", endpoint.toString());
        env.put("LASTMILE_SQS_ENDPOINT", endpoint.toString());
        env.put("LASTMILE_SECRETS_ENDPOINT", endpoint.toString());
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", f.path("credentials").path("accessKeyId").asText());
        env.put("AWS_SECRET_ACCESS_KEY", f.path("credentials").path("secretAccessKey").asText());
        env.put("AWS_SESSION_TOKEN", f.path("credentials").path("sessionToken").asText());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s with its own role:\n%s", function, out).isZero();
        return out;
    }

    static String queue(String logicalId) {
        return deployed.path("queues").path(logicalId).asText();
    }

    static int depth(String logicalId) {
        var n = QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue(logicalId)).attributeNames(n)).attributes().get(n));
    }

    static List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(deployed.path("bucket").asText()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new AssertionError("moto_server ended: " + tail(motoLog));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("moto_server did not listen within 90 s: " + tail(motoLog));
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 3000));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
