package dev.lastmile.functions.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lastmile.aws.sqs.MalformedMessageException;
import dev.lastmile.aws.sqs.MessageVisibility;
import dev.lastmile.aws.sqs.SqsMessageVisibility;
import dev.lastmile.github.RateLimitedException;
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

    /** A job is not started with less of the function's time left than this: it goes back to the queue. */
    static final long MIN_REMAINING_MS = 60_000;
    /** Kept back from a running job's deadline to store and send the "could not finish" report. */
    static final long REPORT_RESERVE_MS = 15_000;

    private long minRemainingMs = MIN_REMAINING_MS;
    private long reportReserveMs = REPORT_RESERVE_MS;

    private final CheckJobProcessor processor;
    private final int maxReceives;
    private final MessageVisibility visibility;

    /** Production wiring: S3, SQS and GitHub from the environment; the check may use the wiring (a cache store). */
    protected CheckFunction(Function<Wiring, Check> check) {
        this(check, Wiring.fromEnvironment(Environment.system()), SqsMessageVisibility.fromEnvironment());
    }

    protected CheckFunction(Function<Wiring, Check> check, Wiring wiring) {
        this(check, wiring, MessageVisibility.NONE);
    }

    protected CheckFunction(Function<Wiring, Check> check, Wiring wiring, MessageVisibility visibility) {
        this.processor = wiring.processor(check.apply(wiring));
        this.maxReceives = wiring.maxReceives();
        this.visibility = visibility == null ? MessageVisibility.NONE : visibility;
        Priming.checkFunction(processor.check());
    }

    protected CheckFunction(Check check, Wiring wiring) {
        this(w -> check, wiring);
    }

    /** Other time limits than a Lambda's (tests: seconds instead of minutes). */
    CheckFunction withTimeLimits(long minRemainingMs, long reportReserveMs) {
        this.minRemainingMs = minRemainingMs;
        this.reportReserveMs = reportReserveMs;
        return this;
    }

    public CheckJobProcessor processor() {
        return processor;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        boolean first = true;
        for (SQSEvent.SQSMessage message : records) {
            long remaining = remainingMillis(context);
            boolean done;
            if (remaining < minRemainingMs) {
                // too little time to run a job: it goes back to the queue untouched, rather than timing out the batch
                // (which would hand back the jobs already done as well)
                log(context, "message " + message.getMessageId() + " left for redelivery: " + remaining + " ms left");
                done = false;
            } else {
                done = handle(message, context, remaining - reportReserveMs, first);
                first = false;
            }
            if (!done) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static long remainingMillis(Context context) {
        return context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
    }

    /**
     * Runs one job within {@code budgetMs}. A job that does not finish in time is stopped (interrupted); if it had
     * the whole invocation to itself, more time will not come, so it is reported as "could not finish" and done
     * with; if jobs before it used part of the time, it goes back to the queue for an invocation of its own.
     */
    private CheckJobProcessor.Outcome processWithin(ScanJob job, long budgetMs, boolean hadTheWholeInvocation)
            throws java.util.concurrent.TimeoutException {
        java.util.concurrent.CompletableFuture<CheckJobProcessor.Outcome> result = new java.util.concurrent.CompletableFuture<>();
        // the engine stops a check before this deadline, so a slow check ends in a stored "did not finish" run
        java.time.Instant deadline = java.time.Instant.now().plusMillis(Math.max(1, budgetMs));
        Thread worker = Thread.ofPlatform().daemon().name("lastmile-job-" + job.jobId()).start(() -> {
            try {
                result.complete(processor.process(job, deadline));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(Math.max(1, budgetMs), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            worker.interrupt();
            throw e;
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job " + job.jobId(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** True when the message is done with (processed, skipped, or reported as failed for good). */
    private boolean handle(SQSEvent.SQSMessage message, Context context, long budgetMs, boolean hadTheWholeInvocation) {
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
            CheckJobProcessor.Outcome outcome = processWithin(job, budgetMs, hadTheWholeInvocation);
            log(context, "job " + job.jobId() + " " + processor.check().name() + ": " + outcome);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            if (!hadTheWholeInvocation) {
                log(context, "job " + job.jobId() + " left for redelivery: it did not finish in the " + budgetMs
                        + " ms the jobs before it left");
                return false;
            }
            log(context, "job " + job.jobId() + " could not finish in " + budgetMs + " ms");
            try {
                processor.reportGivingUp(job, "The check could not finish within the function's time ("
                        + (budgetMs / 1000) + " s). Scan fewer files at once, or raise the function's timeout.");
                return true;
            } catch (RuntimeException | LinkageError again) {
                log(context, "could not report it either: " + again.getMessage());
                return false;
            }
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a check whose static initialisation fails (a bug) fails every job the same way; it is
            // handled like any failure so it reaches the dead-letter queue and the pull request hears of it
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            log(context, "job " + job.jobId() + " " + processor.check().name() + " failed (receive "
                    + receiveCount(message) + " of " + maxReceives + "): " + reason);
            java.util.Optional<RateLimitedException> limit = RateLimitedException.in(e);
            if (limit.isPresent()) {
                // back when GitHub's limit resets, not after the queue's fixed visibility timeout
                java.time.Duration wait = java.time.Duration.between(java.time.Instant.now(), limit.get().retryAt());
                try {
                    visibility.postpone(message.getEventSourceArn(), message.getReceiptHandle(), wait);
                } catch (RuntimeException again) {
                    log(context, "could not postpone it: " + again.getMessage());
                }
            }
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
