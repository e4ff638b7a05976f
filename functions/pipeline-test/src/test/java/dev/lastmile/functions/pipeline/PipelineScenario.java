package dev.lastmile.functions.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.functions.common.DemoRepository;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole path of a pull request, from a signed webhook to what GitHub receives, against real S3 and SQS protocol
 * servers (given by the subclass) and a WireMock GitHub.
 */
abstract class PipelineScenario {

    protected WireMockServer github;
    protected FakeGitHub fake;
    protected Pipeline pipeline;

    protected abstract S3Client s3();

    protected abstract SqsClient sqs();

    @BeforeEach
    void startGitHub() {
        fake = new FakeGitHub(Pipeline.repository());
        fake.pull(42, DemoRepository.BASE, DemoRepository.HEAD);
        github = new WireMockServer(options().dynamicPort().extensions(fake));
        github.start();
        github.stubFor(post("/app/installations/4242/access_tokens").willReturn(aResponse().withStatus(201)
                .withBody("{\"token\":\"ghs_pipeline\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
        github.stubFor(any(urlPathMatching("/repos/acme/shop/.*")).atPriority(10)
                .willReturn(aResponse().withTransformers(FakeGitHub.NAME)));
        pipeline = new Pipeline(s3(), sqs(), URI.create(github.baseUrl()));
    }

    @AfterEach
    void stopGitHub() {
        github.stop();
    }

    /** Keeps what GitHub received under target/, for people reading the build's output. */
    private static void writeForReaders(String name, String text) {
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", name), text);
        } catch (java.io.IOException e) {
            // only a convenience
        }
    }

    private long checkRunsCreated(String head) {
        return fake.checkRuns.values().stream().filter(c -> c.path("head_sha").asText().equals(head)).count();
    }

    @Test
    void aPullRequestGetsItsCheckRunsAndOneSummaryThatFollowsPushesAndIgnoresRedeliveries() {
        // 1. opened
        assertThat(pipeline.deliver("webhook-pull-request-opened.json").getStatusCode()).isEqualTo(202);
        pipeline.runQueues();

        assertThat(checkRunsCreated(DemoRepository.HEAD)).isEqualTo(2);
        assertThat(fake.checkRuns.values()).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("lastmile/sql", "lastmile/credentials");
        assertThat(fake.checkRuns.values()).allSatisfy(c -> {
            assertThat(c.path("status").asText()).isEqualTo("completed");
            assertThat(c.path("conclusion").asText()).isIn("success", "failure", "neutral");
            assertThat(c.path("actions").get(0).path("identifier").asText()).isEqualTo("rerun");
        });
        assertThat(fake.annotationBatches.values()).allSatisfy(batches -> assertThat(batches).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(50)));
        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
        assertThat(fake.comments).hasSize(1);
        String first = fake.comments.values().iterator().next().path("body").asText();
        assertThat(first).startsWith(MarkdownSummary.MARKER).contains("lastmile/sql").contains("lastmile/credentials")
                .doesNotContain("is still running").contains("head=" + DemoRepository.HEAD);
        assertThat(pipeline.store.runDocumentKeys("acme/shop")).hasSize(2);
        writeForReaders("pipeline-summary-comment.md", first);

        // 2. a second push: new check runs on the new head, the same comment updated
        fake.pull(42, DemoRepository.BASE, Pipeline.HEAD2);
        assertThat(pipeline.deliver("webhook-pull-request-synchronize.json").getStatusCode()).isEqualTo(202);
        pipeline.runQueues();

        assertThat(checkRunsCreated(Pipeline.HEAD2)).isEqualTo(2);
        github.verify(4, postRequestedFor(urlEqualTo("/repos/acme/shop/check-runs")));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
        assertThat(github.findAll(patchRequestedFor(urlMatching("/repos/acme/shop/issues/comments/\\d+")))).isNotEmpty();
        assertThat(fake.comments).hasSize(1);
        assertThat(fake.comments.values().iterator().next().path("body").asText()).contains("head=" + Pipeline.HEAD2);

        // 3. GitHub redelivers the second push: nothing is queued, GitHub hears nothing more
        int calls = github.findAll(anyRequestedFor(anyUrl())).size();
        assertThat(pipeline.deliver("webhook-pull-request-synchronize.json").getStatusCode()).isEqualTo(200);
        pipeline.runQueues();
        assertThat(github.findAll(anyRequestedFor(anyUrl()))).hasSize(calls);
        assertThat(fake.comments).hasSize(1);
        assertThat(pipeline.depth(pipeline.sqlDeadLetters)).isZero();

        // 4. someone re-runs lastmile/sql on the first head: a new run of that family only, on that commit; the
        //    summary keeps showing the newer head
        String summary = fake.comments.values().iterator().next().path("body").asText();
        assertThat(pipeline.deliver("webhook-check-run-rerequested.json").getStatusCode()).isEqualTo(202);
        pipeline.runQueues();
        assertThat(fake.checkRuns.values().stream().filter(c -> c.path("head_sha").asText().equals(DemoRepository.HEAD)
                && c.path("name").asText().equals("lastmile/sql"))).hasSize(2)
                .allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("completed"));
        assertThat(checkRunsCreated(DemoRepository.HEAD)).isEqualTo(3);
        assertThat(fake.comments.values().iterator().next().path("body").asText()).isEqualTo(summary);
    }

    /**
     * The canary test of the deployed path: the demo pull request commits real-looking secrets; after the webhook,
     * both check functions and the reporter ran, no piece of any of them may be in what GitHub received (check run
     * texts, every annotation batch, the summary comment), in any object in the findings bucket, or in what the
     * functions logged.
     */
    @Test
    void noSecretOfThePullRequestReachesGitHubTheBucketOrTheLogs() {
        // the values the demo pull request commits (examples/demo/pr); asserted present so the test cannot go stale
        List<String> secrets = List.of("wT7kQ2mZr9Lx4VbN8cHdPa", "rT-5nYq8ZkW2xLp7VmC4bJ9sDfE3", "Vx8-qL2mWz5Rt9Kp",
                "pk9Vd2Lq7XwR4mZt8BnC3sYh6Jf");
        String committed = Pipeline.repositoryText(DemoRepository.HEAD);
        assertThat(secrets).allSatisfy(v -> assertThat(committed).contains(v));

        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        try {
            java.io.PrintStream capture = new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            assertThat(pipeline.deliver("webhook-pull-request-opened.json").getStatusCode()).isEqualTo(202);
            pipeline.runQueues();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        java.util.Map<String, String> outputs = new java.util.LinkedHashMap<>();
        for (var request : github.findAll(anyRequestedFor(anyUrl()))) {
            outputs.put("GitHub " + request.getMethod() + " " + request.getUrl() + " #" + outputs.size(), request.getBodyAsString());
        }
        for (var object : s3().listObjectsV2Paginator(b -> b.bucket(pipeline.bucket)).contents()) {
            outputs.put("s3 " + object.key(), s3().getObjectAsBytes(b -> b.bucket(pipeline.bucket).key(object.key())).asUtf8String());
        }
        outputs.put("function logs", logs.toString(java.nio.charset.StandardCharsets.UTF_8));
        // the test proves something only if the secrets were found and reported with their annotations
        String githubReceived = String.join("\n", outputs.entrySet().stream().filter(e -> e.getKey().startsWith("GitHub"))
                .map(java.util.Map.Entry::getValue).toList());
        assertThat(githubReceived).contains("\"annotations\"").contains("SEC001").contains("SEC002").contains("profiles.yml");
        assertThat(outputs.keySet()).anyMatch(k -> k.startsWith("s3 ") && k.contains("runs/"));

        List<String> leaks = new java.util.ArrayList<>();
        for (var o : outputs.entrySet()) {
            for (String v : secrets) {
                for (int i = 0; i + 8 <= v.length(); i++) {
                    if (o.getValue().contains(v.substring(i, i + 8))) {
                        leaks.add(v.substring(0, 2) + "… (chars " + i + "-" + (i + 8) + ") in " + o.getKey());
                        break;
                    }
                }
            }
        }
        assertThat(leaks).as("secret values outside the repository").isEmpty();
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAndTheOthersStillRun() {
        pipeline.sqs.sendMessage(b -> b.queueUrl(pipeline.sqlJobs).messageBody("{\"v\":1,\"type\":\"scan\",\"jobId\":"));
        assertThat(pipeline.deliver("webhook-pull-request-opened.json").getStatusCode()).isEqualTo(202);

        pipeline.runQueues();

        assertThat(pipeline.depth(pipeline.sqlDeadLetters)).isEqualTo(1);
        assertThat(pipeline.depth(pipeline.sqlJobs)).isZero();
        assertThat(fake.checkRuns.values()).extracting(c -> c.path("status").asText()).containsOnly("completed").hasSize(2);
        assertThat(fake.comments).hasSize(1);
    }


}
