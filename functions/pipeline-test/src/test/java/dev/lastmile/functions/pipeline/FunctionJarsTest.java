package dev.lastmile.functions.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.functions.common.DemoRepository;
import dev.lastmile.functions.common.Events;
import dev.lastmile.github.TestApp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every function's own shaded jar, started as Lambda starts it (a fresh JVM, the no-argument constructor, one event
 * from events/), against S3Proxy, ElasticMQ and a WireMock GitHub and Secrets Manager. Proves the jars are complete
 * (nothing the shade plugin dropped is missing at run time), checks their size, and measures JVM start to first
 * handled event: the cold-start proxy docs/functions.md reports (target/cold-start.md holds the last figures).
 * Skipped when the jars are not built ({@code ./mvnw package} builds them before this module's tests).
 */
class FunctionJarsTest {

    static final long MAX_JAR_BYTES = 20L * 1024 * 1024;
    record Function(String module, String artifact, String handler, String event, String expected) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("webhook", "lastmile-function-webhook", "dev.lastmile.functions.webhook.WebhookFunction",
                    "webhook-pull-request-opened.json", "202 "),
            new Function("sql-check", "lastmile-function-sql-check", "dev.lastmile.functions.sql.SqlCheckFunction",
                    "sqs-scan-job.json", "failures=0"),
            new Function("secrets-check", "lastmile-function-secrets-check", "dev.lastmile.functions.secrets.SecretsCheckFunction",
                    "sqs-scan-job.json", "failures=0"),
            new Function("license-check", "lastmile-function-license-check", "dev.lastmile.functions.licenses.LicenseCheckFunction",
                    "sqs-scan-job.json", "failures=0"),
            new Function("residency-check", "lastmile-function-residency-check", "dev.lastmile.functions.residency.ResidencyCheckFunction",
                    "sqs-scan-job.json", "failures=0"),
            new Function("impact-check", "lastmile-function-impact-check", "dev.lastmile.functions.impact.ImpactCheckFunction",
                    "sqs-scan-job.json", "failures=0"),
            new Function("reporter", "lastmile-function-reporter", "dev.lastmile.functions.reporter.ReporterFunction",
                    "sqs-report.json", "failures=0"),
            new Function("scheduler", "lastmile-function-scheduler", "dev.lastmile.functions.scheduler.ScheduledScanFunction",
                    "schedule.json", "{installations=1, repositories=1, queued=1"),
            new Function("report", "lastmile-function-report", "dev.lastmile.functions.report.ReportFunction",
                    "schedule.json", "{runsRead="),
            new Function("redeliverer", "lastmile-function-redeliverer", "dev.lastmile.functions.redeliverer.RedelivererFunction",
                    "schedule.json", "{deliveries=1, failed=1, redelivered=1"));

    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static ElasticMqFixture sqs;
    private static WireMockServer github;
    private static Path root;

    @BeforeAll
    static void start() {
        root = Events.folder().getParent();
        for (Function f : FUNCTIONS) {
            Assumptions.assumeTrue(Files.isRegularFile(jar(f)), "function jars not built: run ./mvnw package first (" + jar(f) + ")");
        }
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.createBucket("findings");
        sqs = ElasticMqFixture.start();
        FakeGitHub fake = new FakeGitHub(Pipeline.repository());
        fake.pull(42, DemoRepository.BASE, DemoRepository.HEAD);
        github = new WireMockServer(options().dynamicPort().extensions(fake));
        github.start();
        github.stubFor(any(urlPathMatching("/.*")).atPriority(20).willReturn(aResponse().withStatus(404).withBody("{}")));
        github.stubFor(post("/app/installations/4242/access_tokens").willReturn(aResponse().withStatus(201)
                .withBody("{\"token\":\"ghs_bench\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
        github.stubFor(any(urlPathMatching("/repos/acme/shop/.*")).atPriority(10).willReturn(aResponse().withTransformers(FakeGitHub.NAME)));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/app/installations?per_page=100")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[{\"id\":4242}]")));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/installation/repositories?per_page=100")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"total_count\":1,\"repositories\":[{\"full_name\":\"acme/shop\",\"default_branch\":\"main\",\"size\":1}]}")));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/acme/shop/commits/main").atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"sha\":\"" + DemoRepository.HEAD + "\"}")));
        // one delivery the webhook failed, for the redeliverer to ask for again
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/app/hook/deliveries?per_page=100")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[{\"id\":7,\"guid\":\"0b989ba4\","
                        + "\"delivered_at\":\"" + java.time.Instant.now() + "\",\"status\":\"Invalid HTTP Response: 503\","
                        + "\"status_code\":503,\"event\":\"pull_request\",\"action\":\"opened\"}]")));
        github.stubFor(post("/app/hook/deliveries/7/attempts").willReturn(aResponse().withStatus(202).withBody("{}")));
        String secret = new ObjectMapper().createObjectNode().put("appId", TestApp.APP_ID).put("privateKey", TestApp.pkcs1Pem())
                .put("webhookSecret", Pipeline.SECRET).toString();
        // Secrets Manager's JSON protocol, as the SDK speaks it
        github.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(new ObjectMapper().createObjectNode()
                                .put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:lastmile-AbCdEf")
                                .put("Name", "lastmile").put("VersionId", "v1").put("SecretString", secret).toString())));
    }

    @AfterAll
    static void stop() {
        if (s3proxy != null) {
            s3.close();
            s3proxy.close();
            sqs.close();
            github.stop();
        }
    }

    static Path jar(Function f) {
        return root.resolve("functions").resolve(f.module()).resolve("target").resolve(f.artifact() + "-0.1.0-SNAPSHOT-lambda.jar");
    }

    @Test
    void everyJarIsSmallAndHandlesItsFirstEventOnItsOwn() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", "us-east-1");
        env.put("LASTMILE_BUCKET", "findings");
        env.put("LASTMILE_STORE_PREFIX", "");
        env.put("LASTMILE_S3_ENDPOINT", s3proxy.endpoint().toString());
        env.put("LASTMILE_SQS_ENDPOINT", sqs.endpoint().toString());
        env.put("LASTMILE_SECRETS_ENDPOINT", github.baseUrl());
        env.put("LASTMILE_GITHUB_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:lastmile-AbCdEf");
        env.put("LASTMILE_GITHUB_APP_ID", TestApp.APP_ID);
        env.put("LASTMILE_GITHUB_API_URL", github.baseUrl());
        env.put("LASTMILE_REPORT_QUEUE_URL", sqs.createQueue("reports.fifo"));
        env.put("LASTMILE_QUEUE_SQL", sqs.createQueue("sql-jobs"));
        env.put("LASTMILE_QUEUE_SECRETS", sqs.createQueue("secrets-jobs"));
        env.put("LASTMILE_QUEUE_LICENSES", sqs.createQueue("licenses-jobs"));
        env.put("LASTMILE_QUEUE_RESIDENCY", sqs.createQueue("residency-jobs"));
        env.put("LASTMILE_QUEUE_IMPACT", sqs.createQueue("impact-jobs"));
        env.put("LASTMILE_DEPSDEV_URL", github.baseUrl() + "/depsdev");
        env.put("LASTMILE_OSV_URL", github.baseUrl() + "/osv");

        String extra = location(JarRunner.class) + File.pathSeparator + location(Events.class);
        StringBuilder table = new StringBuilder("| Function | Jar | JVM start to handler built (init, primed) "
                + "| JVM start to first event handled | First event after init |\n|---|---:|---:|---:|---:|\n");
        List<String> problems = new ArrayList<>();
        for (Function f : FUNCTIONS) {
            long size = Files.size(jar(f));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", jar(f) + File.pathSeparator + extra,
                    JarRunner.class.getName(), f.handler(), f.event());
            pb.environment().putAll(env);
            pb.directory(root.toFile());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Matcher m = Pattern.compile("LASTMILE-BENCH init_ms=(\\d+) first_event_ms=(\\d+) answer=(.*)").matcher(out);
            assertThat(m.find()).as(f.module() + " output:\n" + out).isTrue();
            assertThat(m.group(3)).as(f.module() + " output:\n" + out).startsWith(f.expected());
            table.append("| ").append(f.module()).append(" | ").append(String.format("%.1f MB", size / 1048576.0)).append(" | ")
                    .append(m.group(1)).append(" ms | ").append(m.group(2)).append(" ms | ")
                    .append(Long.parseLong(m.group(2)) - Long.parseLong(m.group(1))).append(" ms |\n");
            if (size > MAX_JAR_BYTES) {
                problems.add(f.module() + " is " + size + " bytes");
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "cold-start.md"), table.toString());
        System.out.println(table);
        assertThat(problems).as("jars over 20 MB").isEmpty();
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
