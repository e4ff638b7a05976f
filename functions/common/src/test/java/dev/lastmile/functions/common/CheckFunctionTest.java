package dev.lastmile.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.aws.sqs.ElasticMqFixture;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.source.SourceException;
import dev.lastmile.core.store.FindingsStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;

/** The shared check-function handler, fed the root events/ payloads, against S3Proxy and ElasticMQ. */
class CheckFunctionTest {

    static final String BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private static S3ProxyFixture s3proxy;
    private static ElasticMqFixture sqs;
    private static S3Client s3;
    private static int counter;

    private FindingsStore store;
    private String reportQueue;

    @BeforeAll
    static void startServers() {
        s3proxy = S3ProxyFixture.start();
        sqs = ElasticMqFixture.start();
        s3 = s3proxy.createBucket("lastmile-findings");
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        s3proxy.close();
        sqs.close();
    }

    @BeforeEach
    void freshStoreAndQueue() {
        counter++;
        store = new FindingsStore(new S3ObjectStore(s3, "lastmile-findings", "t" + counter));
        reportQueue = sqs.createQueue("reports-" + counter + ".fifo");
    }

    static InMemorySource shop(String policy) {
        InMemorySource source = new InMemorySource("acme/shop")
                .put(BASE, "models/orders.sql", "select 1\n")
                .put(HEAD, "models/orders.sql", "select 1\n-- TODO: dedupe orders\n")
                .put(HEAD, "models/customers.sql", "select 2\n");
        if (policy != null) {
            source.put(BASE, ".lastmile.yml", policy).put(HEAD, ".lastmile.yml", policy);
        }
        return source;
    }

    private CheckFunction function(SourceFactory sources) {
        Wiring wiring = new Wiring(store, new SqsMessageSender(sqs.client()), reportQueue, sources, null, 3);
        return new CheckFunction(new TodoCheck(), wiring) {
        };
    }

    private List<ReportRequest> reports() {
        return sqs.receive(reportQueue).stream().map(Message::body).map(Messages::reportRequest).toList();
    }

    @Test
    void theScanJobEventIsScannedStoredAndReported() {
        CheckFunction handler = function(job -> shop(null));

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        String runKey = "runs/acme/shop/pr-42-" + HEAD + "/sql.json";
        dev.lastmile.core.store.RunDocument run = store.readRun(runKey).orElseThrow();
        assertThat(run.pullRequest()).isEqualTo(42);
        assertThat(run.run().findings()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("models/orders.sql");
            assertThat(f.status()).isEqualTo(dev.lastmile.core.model.FindingStatus.NEW);
        });

        List<ReportRequest> reports = reports();
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().runDocumentKey()).isEqualTo(runKey);
        assertThat(reports.getFirst().checkRunName()).isEqualTo("lastmile/sql");
        assertThat(reports.getFirst().job().installationId()).isEqualTo(4242L);
    }

    @Test
    void rerunningTheSameJobOverwritesTheSameKeysAndReportsOnce() {
        CheckFunction handler = function(job -> shop(null));
        handler.handleRequest(Events.sqs("sqs-scan-job.json"), null);
        List<String> keys = store.objects().list("");
        handler.handleRequest(Events.sqs("sqs-scan-job.json"), null);

        assertThat(store.objects().list("")).isEqualTo(keys).hasSize(3);
        assertThat(reports()).hasSize(1);
    }

    @Test
    void onlyTheFailingMessageOfABatchIsReturnedForRetry() {
        String good = Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText();
        SQSEvent batch = Events.of(
                Events.message("m-1", good, "1", "arn:aws:sqs:eu-west-1:1:sql"),
                Events.message("m-2", "{not json", "1", "arn:aws:sqs:eu-west-1:1:sql"),
                Events.message("m-3", good.replace("pr-42-", "pr-43-").replace("\"pullRequest\":42", "\"pullRequest\":43"), "1", "arn"));
        CheckFunction handler = function(job -> shop(null));

        SQSBatchResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-2");
        assertThat(store.runDocumentKeys("acme/shop")).hasSize(2);
    }

    @Test
    void anUnavailableSourceIsRetriedAndReportedAsFailedOnItsLastReceive() {
        AtomicInteger opened = new AtomicInteger();
        CheckFunction handler = function(job -> {
            opened.incrementAndGet();
            throw new SourceException("GitHub answered 502");
        });
        String body = Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText();

        SQSBatchResponse first = handler.handleRequest(Events.of(Events.message("m-1", body, "1", "arn")), null);
        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(reports()).isEmpty();

        SQSBatchResponse last = handler.handleRequest(Events.of(Events.message("m-1", body, "3", "arn")), null);
        assertThat(last.getBatchItemFailures()).hasSize(1);
        List<ReportRequest> reports = reports();
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().error()).contains("after 3 attempts").contains("GitHub answered 502");
        assertThat(opened).hasValue(2);
        assertThat(store.objects().list("")).isEmpty();
    }

    @Test
    void aBrokenPolicyIsReportedOnceAndNotRetried() {
        CheckFunction handler = function(job -> shop("version: 99\n"));

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<ReportRequest> reports = reports();
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().error()).contains(".lastmile.yml").contains("version");
    }

    /** The sample job as a draft pull request with the deployment's default. */
    private static String draftJob(ScanJob.Draft draft) {
        ScanJob j = Messages.scanJob(Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText());
        return Messages.toJson(new ScanJob(j.jobId(), j.repository(), j.installationId(), j.base(), j.head(), j.pullRequest(),
                j.mode(), j.checks(), j.deliveryId(), j.createdAt(), null, draft));
    }

    private List<ReportRequest> runDraft(ScanJob.Draft draft, String policy) {
        freshStoreAndQueue(); // the same job again would be deduplicated by the FIFO report queue
        function(job -> shop(policy)).handleRequest(Events.of(Events.message("m-d", draftJob(draft), "1", "arn")), null);
        return reports();
    }

    @Test
    void aDraftIsCheckedAsItsBasesPolicySaysElseAsTheDeploymentDefault() {
        assertThat(runDraft(ScanJob.Draft.SKIP_BY_DEFAULT, null)).as("default: drafts wait").isEmpty();
        assertThat(store.objects().list("")).as("nothing scanned, nothing stored").isEmpty();
        assertThat(runDraft(ScanJob.Draft.SCAN_BY_DEFAULT, null)).as("deployment checks drafts").hasSize(1);
        assertThat(runDraft(ScanJob.Draft.SKIP_BY_DEFAULT, "pull_requests:\n  drafts: true\n"))
                .as("the repository opts in").hasSize(1);
        assertThat(runDraft(ScanJob.Draft.SCAN_BY_DEFAULT, "pull_requests:\n  drafts: false\n"))
                .as("the repository opts out").isEmpty();
    }

    @Test
    void aJobThatDoesNotAskForThisCheckIsAcknowledgedAndIgnored() {
        ScanJob job = Messages.scanJob(Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText())
                .withChecks(List.of("secrets"));
        CheckFunction handler = function(j -> {
            throw new AssertionError("must not open the source");
        });

        SQSBatchResponse response = handler.handleRequest(Events.of(Events.message("m-1", Messages.toJson(job), "1", "arn")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.objects().list("")).isEmpty();
        assertThat(reports()).isEmpty();
    }

    @Test
    void anEmptyOrMissingBatchIsNotAnError() {
        CheckFunction handler = function(job -> shop(null));
        assertThat(handler.handleRequest(new SQSEvent(), null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(null, null).getBatchItemFailures()).isEmpty();
    }

    private CheckFunction function(SourceFactory sources, dev.lastmile.aws.sqs.MessageVisibility visibility) {
        Wiring wiring = new Wiring(store, new SqsMessageSender(sqs.client()), reportQueue, sources, null, 3);
        return new CheckFunction(w -> new TodoCheck(), wiring, visibility) {
        };
    }

    /** A repository that never answers until the job is stopped (interrupted). */
    private static dev.lastmile.core.source.RepositorySource hanging() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("stopped");
        }
        throw new AssertionError("not stopped");
    }

    @Test
    void aJobIsNotStartedWithTooLittleOfTheFunctionsTimeLeft() {
        AtomicInteger opened = new AtomicInteger();
        CheckFunction handler = function(job -> {
            opened.incrementAndGet();
            return shop(null);
        });

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"),
                LambdaContext.withRemaining(CheckFunction.MIN_REMAINING_MS - 1_000));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(opened).hasValue(0);
        assertThat(reports()).isEmpty();
    }

    @Test
    void aJobThatCannotFinishInTheWholeInvocationIsReportedAsCouldNotFinishNotTimedOut() {
        CheckFunction handler = function(job -> hanging(), null).withTimeLimits(1_000, 500);
        LambdaContext context = LambdaContext.withRemaining(2_500);

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"), context);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(reports()).singleElement().satisfies(r -> assertThat(r.error()).contains("could not finish"));
        assertThat(context.getRemainingTimeInMillis()).isPositive();
    }

    @Test
    void aCheckThatRunsOverTheFunctionsTimeEndsAsAStoredCouldNotFinishRunNotATimeOut() {
        dev.lastmile.core.scan.Check stuck = new dev.lastmile.core.scan.Check() {
            @Override
            public String name() {
                return "sql";
            }

            @Override
            public List<dev.lastmile.core.model.RuleMeta> rules() {
                return List.of(TodoCheck.TODO);
            }

            @Override
            public dev.lastmile.core.scan.CheckResult run(dev.lastmile.core.scan.ScanContext context) {
                // on the pull request's repository (not the function's priming sample) it never returns on its own;
                // each file read throws once the engine has stopped it
                while (context.repository().equals("acme/shop")) {
                    context.readHead("models/orders.sql");
                    Thread.onSpinWait();
                }
                return new dev.lastmile.core.scan.CheckResult(List.of(), 0);
            }
        };
        Wiring wiring = new Wiring(store, new SqsMessageSender(sqs.client()), reportQueue, job -> shop(null), null, 3);
        CheckFunction handler = new CheckFunction(stuck, wiring) {
        }.withTimeLimits(1_000, 500);

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"), LambdaContext.withRemaining(4_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        // a completed report of a stored run that says what did not finish, not the handler's "could not finish"
        assertThat(reports()).singleElement().satisfies(r -> assertThat(r.error()).isNull());
        dev.lastmile.core.store.RunDocument run = store.readRun("runs/acme/shop/pr-42-" + HEAD + "/sql.json").orElseThrow();
        assertThat(run.run().incomplete()).singleElement().asString()
                .contains("did not finish within").contains("the time the function had left");
        assertThat(run.run().findings()).singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("LM004"));
    }

    @Test
    void aJobThatRunsOutOfTheTimeEarlierJobsLeftGoesBackToTheQueue() {
        String good = Events.json("sqs-scan-job.json").path("Records").get(0).path("body").asText();
        String slow = good.replace("pr-42-", "pr-43-").replace("\"pullRequest\":42", "\"pullRequest\":43");
        CheckFunction handler = function(job -> job.pullRequest() == 43 ? hanging() : shop(null), null).withTimeLimits(1_000, 500);
        SQSEvent batch = Events.of(Events.message("m-1", good, "1", "arn"), Events.message("m-2", slow, "1", "arn"));

        SQSBatchResponse response = handler.handleRequest(batch, LambdaContext.withRemaining(3_000));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-2");
        assertThat(reports()).singleElement().satisfies(r -> assertThat(r.error()).isNull());
    }

    @Test
    void aJobGitHubsRateLimitStopsComesBackWhenTheLimitResets() {
        java.time.Instant reset = java.time.Instant.now().plusSeconds(1_800);
        List<java.time.Duration> postponed = new java.util.ArrayList<>();
        CheckFunction handler = function(job -> {
            throw new SourceException("rate limited", new dev.lastmile.github.RateLimitedException(403, reset, "secondary rate limit"));
        }, (arn, receipt, delay) -> postponed.add(delay));

        SQSBatchResponse response = handler.handleRequest(Events.sqs("sqs-scan-job.json"), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(postponed).singleElement().satisfies(d -> assertThat(d.toSeconds()).isBetween(1_700L, 1_800L));
    }
}
