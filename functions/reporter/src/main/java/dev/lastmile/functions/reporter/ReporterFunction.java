package dev.lastmile.functions.reporter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.MessageVisibility;
import dev.lastmile.aws.sqs.SqsMessageVisibility;
import dev.lastmile.github.RateLimitedException;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.functions.common.Environment;
import dev.lastmile.functions.common.GitHubAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda handler of the reporter, on the FIFO report queue. FIFO order matters (one pull request's summary is updated
 * in order), so at the first failing message the rest of the batch is handed back too, as AWS requires for FIFO
 * sources with partial batch responses. Handler string:
 * {@code dev.lastmile.functions.reporter.ReporterFunction::handleRequest}.
 */
public final class ReporterFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Every variable the reporter reads (the template test holds the template to this list). */
    public static final List<String> ENVIRONMENT = List.of(Environment.BUCKET, Environment.STORE_PREFIX,
            Environment.GITHUB_SECRET_ARN, Environment.GITHUB_APP_ID, Environment.GITHUB_API_URL,
            Environment.AUDIT_RETENTION_DAYS);

    /**
     * A report is not started with less time than this left: it reads the store and sends up to a dozen GitHub
     * requests, each of which may wait for a retry. A report left alone goes back to the queue untouched.
     */
    static final long MIN_REMAINING_MS = 20_000;

    private final ReporterService service;
    private final MessageVisibility visibility;
    private final Clock clock;

    public ReporterFunction() {
        this(fromEnvironment(Environment.system()), SqsMessageVisibility.fromEnvironment(), Clock.systemUTC());
    }

    public ReporterFunction(ReporterService service) {
        this(service, MessageVisibility.NONE, Clock.systemUTC());
    }

    public ReporterFunction(ReporterService service, MessageVisibility visibility, Clock clock) {
        this.service = service;
        this.visibility = visibility;
        this.clock = clock;
        ReporterService.prime();
    }

    static ReporterService fromEnvironment(Environment env) {
        FindingsStore store = new FindingsStore(new S3ObjectStore(S3Clients.fromEnvironment(), env.require(Environment.BUCKET),
                env.optional(Environment.STORE_PREFIX).orElse("")));
        GitHubAccess github = GitHubAccess.fromEnvironment(env);
        // the head's provenance, provenance.ai policy and policy hash come from its stored run documents
        return new ReporterService(store, github::api, Clock.systemUTC(), ReporterService.HeadFacts::of,
                Environment.auditRetention(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        boolean failed = false;
        for (SQSEvent.SQSMessage m : records) {
            if (!failed && context != null && context.getRemainingTimeInMillis() < MIN_REMAINING_MS) {
                // not enough time to finish: this and the rest go back to the queue rather than time the batch out
                log(context, "message " + m.getMessageId() + " left for redelivery: " + context.getRemainingTimeInMillis()
                        + " ms of the function's time left");
                failed = true;
            }
            if (!failed) {
                try {
                    ReportRequest r = Messages.reportRequest(m.getBody());
                    ReporterService.Outcome o = service.report(r);
                    log(context, "report " + r.job().jobId() + " " + r.check() + ": " + o.conclusion() + ", "
                            + o.checkRunRequests() + " check-run requests, comment " + o.comment());
                    continue;
                } catch (MalformedMessageException e) {
                    log(context, "message " + m.getMessageId() + " is malformed: " + e.getMessage());
                } catch (RuntimeException e) {
                    log(context, "message " + m.getMessageId() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    RateLimitedException.in(e).ifPresent(limit -> postpone(m, limit, context));
                }
                failed = true;
            }
            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * GitHub's limit holds until {@code retryAt}: the message comes back then (its group waits with it, keeping the
     * pull request's reports in order), not after the queue's fixed visibility timeout.
     */
    private void postpone(SQSEvent.SQSMessage m, RateLimitedException limit, Context context) {
        java.time.Duration wait = java.time.Duration.between(clock.instant(), limit.retryAt());
        try {
            visibility.postpone(m.getEventSourceArn(), m.getReceiptHandle(), wait);
            log(context, "message " + m.getMessageId() + " postponed " + MessageVisibility.seconds(wait) + " s for GitHub's rate limit");
        } catch (RuntimeException e) {
            log(context, "could not postpone message " + m.getMessageId() + ": " + e.getMessage());
        }
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}
