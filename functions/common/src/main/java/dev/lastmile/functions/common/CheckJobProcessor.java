package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.store.FindingsStore;
import java.util.List;
import java.util.Objects;

/**
 * Runs one check over one scan job: open the repository, run {@link ScanEngine} with this function's check only,
 * store the run, and tell the reporter. Knows no SQS or Lambda types, so it is tested with plain jobs.
 *
 * <p>Idempotent per job and check: the store keys depend on the job id and check name only, so a retried or
 * redelivered job overwrites its own run, and the report message's FIFO deduplication id is the same too.
 */
public final class CheckJobProcessor {

    /** What happened to one job. */
    public enum Outcome {
        /** The run is stored and the reporter told. */
        REPORTED,
        /** The policy's {@code checks:} leaves this check out: a "not enabled" run is stored and the reporter told. */
        REPORTED_NOT_ENABLED,
        /** The repository's policy is broken: reported as an error, not retried (a retry reads the same file). */
        REPORTED_POLICY_ERROR,
        /** The job does not ask for this check. */
        SKIPPED,
        /** A draft pull request whose policy (or, where it is silent, the deployment) says drafts are not checked. */
        SKIPPED_DRAFT
    }

    private final Check check;
    private final ScanEngine engine = new ScanEngine();
    /** Kept back from a job's deadline to store its run and send the report. */
    static final long STORE_RESERVE_MS = 10_000;
    private final SourceFactory sources;
    private final FindingsStore store;
    private final MessageSender sender;
    private final String reportQueueUrl;
    private final CheckRunStatus status;

    public CheckJobProcessor(Check check, SourceFactory sources, FindingsStore store, MessageSender sender,
                             String reportQueueUrl, CheckRunStatus status) {
        this.check = Objects.requireNonNull(check, "check");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.reportQueueUrl = Objects.requireNonNull(reportQueueUrl, "reportQueueUrl");
        this.status = status == null ? CheckRunStatus.NONE : status;
    }

    public Check check() {
        return check;
    }

    /**
     * Processes one job. Throws when the job should be retried (GitHub or S3 unavailable, a bug): the handler then
     * reports the message as a batch item failure and SQS redelivers it, finally to the dead-letter queue.
     */
    public Outcome process(ScanJob job) {
        return process(job, null);
    }

    /**
     * Processes one job that must be done by {@code deadline} (null: no deadline). The engine stops a check still
     * running shortly before it (LM004, an incomplete note), keeping back time to store and report, so a job over
     * its time ends as a stored "could not finish" run, not as the function's time-out.
     */
    public Outcome process(ScanJob job, java.time.Instant deadline) {
        ScanEngine engine = this.engine;
        if (deadline != null) {
            long left = java.time.Duration.between(java.time.Instant.now(), deadline).toMillis();
            engine = engine.withDeadline(deadline.minusMillis(Math.min(STORE_RESERVE_MS, Math.max(0, left) / 4)));
        }
        if (!job.wants(check.name())) {
            return Outcome.SKIPPED;
        }
        ScanResult result;
        try (RepositorySource source = sources.open(job)) {
            if (job.draft() != ScanJob.Draft.NONE && !draftIsChecked(job, source)) {
                return Outcome.SKIPPED_DRAFT; // no check run, no report: a draft shows nothing until it is checked
            }
            status.started(job, check.checkRunName());
            result = engine.scan(new ScanEngine.Request(source, job.base(), job.head(), job.mode(), job.pullRequest(),
                    null, List.of(check), null));
        } catch (PolicyException e) {
            report(ReportRequest.failed(job, check.name(), check.checkRunName(), "The policy could not be used: " + e.getMessage()));
            return Outcome.REPORTED_POLICY_ERROR;
        }
        // one check asked for: it either ran, or the policy's checks: left it out (stored as "not enabled")
        FindingsStore.RunKeys stored = store.save(job.jobId(), result).getFirst();
        report(ReportRequest.completed(job, check.name(), check.checkRunName(), stored.runDocument()));
        return result.runs().isEmpty() ? Outcome.REPORTED_NOT_ENABLED : Outcome.REPORTED;
    }

    /**
     * Whether a draft pull request is checked: {@code pull_requests.drafts} of its base's policy (so a pull request
     * cannot decide for itself), else the deployment's default the webhook wrote into the job.
     */
    static boolean draftIsChecked(ScanJob job, RepositorySource source) {
        Policy policy = ScanEngine.loadPolicy(source, source.resolve(job.base())).orElse(Policy.defaults());
        PolicyNode drafts = policy.root().get("pull_requests").get("drafts");
        return drafts.isPresent() ? drafts.asBoolean(false) : job.draft() == ScanJob.Draft.SCAN_BY_DEFAULT;
    }

    /** Tells the reporter a job failed for good (its last delivery before the dead-letter queue). */
    public void reportGivingUp(ScanJob job, String reason) {
        if (job.wants(check.name())) {
            report(ReportRequest.failed(job, check.name(), check.checkRunName(), reason));
        }
    }

    private void report(ReportRequest r) {
        sender.send(reportQueueUrl, Messages.toJson(r), r.messageGroupId(), r.deduplicationId());
    }
}
