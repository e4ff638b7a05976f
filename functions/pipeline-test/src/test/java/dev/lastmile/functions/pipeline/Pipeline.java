package dev.lastmile.functions.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.DemoRepository;
import dev.lastmile.functions.common.Events;
import dev.lastmile.functions.common.GitHubAccess;
import dev.lastmile.functions.common.LocalGitSources;
import dev.lastmile.functions.common.Wiring;
import dev.lastmile.functions.reporter.ReporterFunction;
import dev.lastmile.functions.reporter.ReporterService;
import dev.lastmile.functions.secrets.SecretsCheckFunction;
import dev.lastmile.functions.sql.SqlCheckFunction;
import dev.lastmile.functions.webhook.WebhookFunction;
import dev.lastmile.functions.webhook.WebhookService;
import dev.lastmile.functions.webhook.WebhookSignature;
import dev.lastmile.github.TestApp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployed system wired in one JVM: the webhook, one queue per family with its dead-letter queue, the SQL and
 * secrets check functions, the findings bucket, the FIFO report queue and the reporter, all talking to the given S3,
 * SQS and GitHub endpoints. {@link #drain} plays Lambda's SQS event source: it receives a batch, invokes the handler,
 * deletes what succeeded and leaves the reported failures to come back (the queues' visibility timeout is 0).
 */
final class Pipeline {

    static final String SECRET = "It's a Secret to Everybody";
    static final String HEAD2 = "c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final SqsClient sqs;
    final String bucket;
    final FindingsStore store;
    final String sqlJobs;
    final String sqlDeadLetters;
    final String secretsJobs;
    final String reports;
    final String reportDeadLetters;
    final TestApp.MutableClock clock = new TestApp.MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    final TestApp.RecordingSleeper sleeper = new TestApp.RecordingSleeper();
    final WebhookFunction webhook;
    final SqlCheckFunction sqlCheck;
    final SecretsCheckFunction secretsCheck;
    final ReporterFunction reporter;

    Pipeline(S3Client s3, SqsClient sqs, URI github) {
        this.sqs = sqs;
        int n = COUNTER.incrementAndGet();
        bucket = "lastmile-findings-" + n;
        s3.createBucket(b -> b.bucket(bucket));
        store = new FindingsStore(new S3ObjectStore(s3, bucket, "lastmile/"));
        sqlDeadLetters = queue("sql-dlq-" + n, null);
        sqlJobs = queue("sql-jobs-" + n, sqlDeadLetters);
        String secretsDeadLetters = queue("secrets-dlq-" + n, null);
        secretsJobs = queue("secrets-jobs-" + n, secretsDeadLetters);
        reportDeadLetters = queue("reports-dlq-" + n + ".fifo", null);
        reports = queue("reports-" + n + ".fifo", reportDeadLetters);

        SqsMessageSender sender = new SqsMessageSender(sqs);
        GitHubAccess access = new GitHubAccess(TestApp.http(github, clock, sleeper), TestApp.APP_ID, TestApp.pkcs1Pem());
        webhook = new WebhookFunction(new WebhookService(new WebhookSignature(SECRET), store.objects(), sender,
                Map.of(CheckFamily.SQL, sqlJobs, CheckFamily.SECRETS, secretsJobs), false, clock));
        Wiring wiring = new Wiring(store, sender, reports, new LocalGitSources(access.sources()), access.checkRunStatus(), 3);
        sqlCheck = new SqlCheckFunction(wiring);
        secretsCheck = new SecretsCheckFunction(wiring);
        reporter = new ReporterFunction(new ReporterService(store, access::api, clock));
    }

    /** The demo shop at its base, its pull request head, and a second push on top. */
    static InMemorySource repository() {
        InMemorySource source = DemoRepository.load("acme/shop");
        source.revision(HEAD2);
        for (String path : source.files(DemoRepository.HEAD)) {
            source.put(HEAD2, path, new String(source.read(DemoRepository.HEAD, path).orElseThrow(), StandardCharsets.UTF_8));
        }
        source.put(HEAD2, "models/marts/refunds.sql", "-- the second push adds a model\nselect order_id, amount from {{ ref('stg_payments') }}\n");
        return source;
    }

    /** Every file of the demo repository at a revision, concatenated (for tests that look for committed text). */
    static String repositoryText(String revision) {
        InMemorySource source = repository();
        StringBuilder b = new StringBuilder();
        for (String path : source.files(revision)) {
            b.append(new String(source.read(revision, path).orElseThrow(), StandardCharsets.UTF_8)).append('\n');
        }
        return b.toString();
    }

    private String queue(String name, String deadLetters) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "0");
        if (name.endsWith(".fifo")) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (deadLetters != null) {
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetters).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"" + arn + "\"}");
        }
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    APIGatewayV2HTTPResponse deliver(String event) {
        clock.advance(Duration.ofMinutes(1));
        return webhook.handleRequest(Events.apiGateway(event), null);
    }

    /** Runs every queue until all are empty: the check functions, then the reporter. */
    void runQueues() {
        for (int round = 0; round < 10; round++) {
            int handled = drain(sqlJobs, sqlCheck) + drain(secretsJobs, secretsCheck) + drain(reports, reporter);
            if (handled == 0) {
                return;
            }
        }
    }

    /** One pass of Lambda's event source over a queue; returns how many messages it handed to the function. */
    int drain(String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        int handled = 0;
        for (int i = 0; i < 20; i++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                records.add(Events.message(m.messageId(), m.body(),
                        m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1"), queueUrl));
            }
            SQSBatchResponse response = handler.handleRequest(Events.of(records.toArray(SQSEvent.SQSMessage[]::new)), null);
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            for (Message m : batch) {
                if (!failed.contains(m.messageId())) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
            handled += batch.size();
        }
        return handled;
    }

    int depth(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
