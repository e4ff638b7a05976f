package dev.lastmile.functions.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.scan.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Lambda handler every check function shares: it consumes its family's scan-job queue and reports partial batch
 * failures ({@code ReportBatchItemFailures}), so one failing job is retried alone while the others are deleted.
 * A check function is a subclass with a no-argument constructor naming its check; clients are built once there.
 */
public abstract class CheckFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final CheckJobProcessor processor;
    private final int maxReceives;

    /** Production wiring: S3, SQS and GitHub from the environment; the check may use the wiring (a cache store). */
    protected CheckFunction(Function<Wiring, Check> check) {
        this(check, Wiring.fromEnvironment(Environment.system()));
    }

    protected CheckFunction(Function<Wiring, Check> check, Wiring wiring) {
        this.processor = wiring.processor(check.apply(wiring));
        this.maxReceives = wiring.maxReceives();
        Priming.checkFunction(processor.check());
    }

    protected CheckFunction(Check check, Wiring wiring) {
        this(w -> check, wiring);
    }

    public CheckJobProcessor processor() {
        return processor;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            if (!handle(message, context)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** True when the message is done with (processed, skipped, or reported as failed for good). */
    private boolean handle(SQSEvent.SQSMessage message, Context context) {
        ScanJob job;
        try {
            job = Messages.scanJob(message.getBody());
        } catch (MalformedMessageException e) {
            // Retrying cannot fix it, but dropping it would lose it silently: fail it so the redrive policy moves it
            // to the dead-letter queue, whose alarm someone watches.
            log(context, "message " + message.getMessageId() + " is malformed: " + e.getMessage());
            return false;
        }
        try {
            CheckJobProcessor.Outcome outcome = processor.process(job);
            log(context, "job " + job.jobId() + " " + processor.check().name() + ": " + outcome);
            return true;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a check whose static initialisation fails (a bug) fails every job the same way; it is
            // handled like any failure so it reaches the dead-letter queue and the pull request hears of it
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            log(context, "job " + job.jobId() + " " + processor.check().name() + " failed (receive "
                    + receiveCount(message) + " of " + maxReceives + "): " + reason);
            if (receiveCount(message) >= maxReceives) {
                try {
                    processor.reportGivingUp(job, "The check could not run after " + maxReceives + " attempts: " + reason);
                } catch (RuntimeException | LinkageError again) {
                    log(context, "could not report the failure either: " + again.getMessage());
                }
            }
            return false;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String n = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return n == null ? 1 : Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void log(Context context, String line) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            logger.log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}
