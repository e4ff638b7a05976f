package dev.lastmile.functions.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.functions.common.DemoRepository;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The pipeline on S3Proxy and ElasticMQ in this JVM, plus GitHub's failure modes. */
class PipelineTest extends PipelineScenario {

    private static S3ProxyFixture s3proxy;
    private static ElasticMqFixture elasticmq;
    private static S3Client s3;

    @BeforeAll
    static void startServers() {
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.client();
        elasticmq = ElasticMqFixture.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        s3proxy.close();
        elasticmq.close();
    }

    @Override
    protected S3Client s3() {
        return s3;
    }

    @Override
    protected SqsClient sqs() {
        return elasticmq.client();
    }

    /**
     * The policy's {@code checks:} holds on GitHub as on the command line: the base's {@code checks: [sql]} leaves the
     * credentials check out, whose check run is completed as skipped with the reason, and the summary says so instead
     * of waiting for it.
     */
    @Test
    void aFamilyThePolicyLeavesOutIsSkippedWithItsReason() {
        String policy = new String(fake.repository().read(DemoRepository.BASE, ".lastmile.yml").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8) + "\nchecks: [sql]\n";
        fake.repository().put(DemoRepository.BASE, ".lastmile.yml", policy);
        fake.repository().put(DemoRepository.HEAD, ".lastmile.yml", policy);

        assertThat(pipeline.deliver("webhook-pull-request-opened.json").getStatusCode()).isEqualTo(202);
        pipeline.runQueues();

        assertThat(fake.checkRuns.values()).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("lastmile/sql", "lastmile/credentials");
        assertThat(fake.checkRuns.values()).filteredOn(c -> c.path("name").asText().equals("lastmile/credentials"))
                .singleElement().satisfies(c -> {
                    assertThat(c.path("status").asText()).isEqualTo("completed");
                    assertThat(c.path("conclusion").asText()).isEqualTo("skipped");
                    assertThat(c.path("output").path("title").asText()).isEqualTo("Not enabled by the policy");
                    assertThat(c.path("output").path("summary").asText())
                            .contains("Not enabled by the policy: .lastmile.yml has checks: [sql]");
                });
        assertThat(fake.checkRuns.values()).filteredOn(c -> c.path("name").asText().equals("lastmile/sql"))
                .singleElement().satisfies(c -> assertThat(c.path("conclusion").asText()).isEqualTo("failure"));
        String summary = fake.comments.values().iterator().next().path("body").asText();
        assertThat(summary).contains("`lastmile/credentials` did not run: Not enabled by the policy")
                .doesNotContain("is still running").doesNotContain("| `lastmile/credentials` |");
        dev.lastmile.core.store.RunDocument secrets = pipeline.store.readRun(dev.lastmile.core.store.StoreKeys.runDocument(
                "acme/shop", "pr-42-" + DemoRepository.HEAD, "secrets")).orElseThrow();
        assertThat(secrets.isNotEnabled()).isTrue();
        assertThat(secrets.run().findings()).isEmpty();
    }

    @Test
    void aGitHub502IsRetriedAndTheRunCompletes() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls/42/files")).atPriority(1)
                .inScenario("bad gateway").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html><body>502 Bad Gateway</body></html>"))
                .willSetStateTo("recovered"));

        pipeline.deliver("webhook-pull-request-opened.json");
        pipeline.runQueues();

        // one of the two check functions met the 502; both completed
        github.verify(3, getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/42/files?per_page=100")));
        assertThat(fake.checkRuns.values()).extracting(c -> c.path("status").asText()).containsOnly("completed").hasSize(2);
        assertThat(pipeline.depth(pipeline.sqlDeadLetters)).isZero();
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutAsGitHubAsksAndTheCommentIsNotDuplicated() {
        github.stubFor(post("/repos/acme/shop/issues/42/comments").atPriority(1)
                .inScenario("secondary limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("retry-after", "3")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked from content creation.\"}"))
                .willSetStateTo("lifted"));

        pipeline.deliver("webhook-pull-request-opened.json");
        pipeline.runQueues();

        assertThat(pipeline.sleeper.waits).contains(Duration.ofSeconds(3));
        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
        assertThat(fake.comments).hasSize(1);
    }

    @Test
    void aReportHandedBackAfterItsCheckRunWasPublishedDoesNotPostItsAnnotationsTwice() {
        // the comment is refused once, after the check run was completed with its annotations: the report message
        // comes back and is handled again
        github.stubFor(post("/repos/acme/shop/issues/42/comments").atPriority(1)
                .inScenario("comment refused").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"Validation Failed\"}"))
                .willSetStateTo("accepted"));

        pipeline.deliver("webhook-pull-request-opened.json");
        pipeline.runQueues();

        github.verify(2, postRequestedFor(urlEqualTo("/repos/acme/shop/issues/42/comments")));
        assertThat(fake.comments).hasSize(1);
        assertThat(fake.checkRuns.values()).extracting(c -> c.path("status").asText()).containsOnly("completed").hasSize(2);
        // every run carries each annotation once: what was sent adds up to what the run shows, sent in one pass
        assertThat(fake.checkRuns.values()).allSatisfy(run -> {
            java.util.List<Integer> batches = fake.annotationBatches.get(run.path("id").asLong());
            int sent = batches.stream().mapToInt(Integer::intValue).sum();
            assertThat(sent).isEqualTo(run.path("output").path("annotations_count").asInt());
            assertThat(batches.stream().filter(n -> n > 0).count()).isLessThanOrEqualTo((sent + 49) / 50);
        });
        assertThat(fake.checkRuns.values().stream().mapToInt(c -> c.path("output").path("annotations_count").asInt()).sum())
                .as("the test proves something only if there are annotations").isPositive();
        assertThat(pipeline.depth(pipeline.reportDeadLetters)).isZero();
    }
}
