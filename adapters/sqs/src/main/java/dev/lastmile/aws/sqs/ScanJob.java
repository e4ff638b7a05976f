package dev.lastmile.aws.sqs;

import dev.lastmile.core.scan.ScanMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scan to run, as the webhook puts it on each check family's queue.
 *
 * @param jobId          stable identity of the scan: the same pull request head (or full-scan head) gives the same
 *                       id, so a redelivered event or a retried message overwrites the same store keys
 * @param repository     {@code owner/name}
 * @param installationId the GitHub App installation that may read the repository; null for a local source
 * @param base           base commit id (null for a full scan)
 * @param head           head commit id
 * @param pullRequest    pull request number (null for a full scan)
 * @param mode           pull request or full
 * @param checks         the check families to run ({@code sql}, {@code secrets}, ...); each function runs its own
 * @param deliveryId     the GitHub delivery that caused it ({@code X-GitHub-Delivery}), or a schedule's id
 * @param createdAt      when the webhook accepted it
 * @param localPath      a local git directory to read instead of GitHub ({@code sam local}, tests); null in AWS
 * @param draft          how a draft pull request is treated; {@link Draft#NONE} for everything else
 */
public record ScanJob(String jobId, String repository, Long installationId, String base, String head,
                      Integer pullRequest, ScanMode mode, List<String> checks, String deliveryId, Instant createdAt,
                      String localPath, Draft draft) {

    /**
     * A draft pull request is checked when its base's policy says {@code pull_requests.drafts: true}, and not when it
     * says false; when the policy is silent, the deployment's default (the {@code ScanDrafts} stack parameter)
     * decides, which the webhook writes into the job.
     */
    public enum Draft {
        /** Not a draft. */
        NONE,
        /** A draft; checked unless the policy says {@code drafts: false}. */
        SCAN_BY_DEFAULT,
        /** A draft; checked only if the policy says {@code drafts: true}. */
        SKIP_BY_DEFAULT
    }

    /** A job that is not about a draft pull request. */
    public ScanJob(String jobId, String repository, Long installationId, String base, String head, Integer pullRequest,
                   ScanMode mode, List<String> checks, String deliveryId, Instant createdAt, String localPath) {
        this(jobId, repository, installationId, base, head, pullRequest, mode, checks, deliveryId, createdAt, localPath,
                Draft.NONE);
    }

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern REVISION = Pattern.compile("[0-9a-fA-F]{7,64}|[A-Za-z0-9_./-]{1,250}");
    private static final Pattern CHECK = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public ScanJob {
        require(jobId != null && !jobId.isBlank() && jobId.length() <= 200, "jobId is required (at most 200 characters)");
        require(repository != null && REPOSITORY.matcher(repository).matches(), "repository must be owner/name");
        require(head != null && REVISION.matcher(head).matches(), "head must be a commit id");
        Objects.requireNonNull(mode, "mode");
        if (mode == ScanMode.PULL_REQUEST) {
            require(base != null && REVISION.matcher(base).matches(), "base must be a commit id for a pull-request scan");
            require(pullRequest != null && pullRequest > 0, "a pull-request scan needs its pull request number");
        }
        require(installationId != null || localPath != null, "installationId is required unless localPath is given");
        checks = checks == null ? List.of() : List.copyOf(checks);
        require(!checks.isEmpty(), "checks must name at least one check");
        for (String c : checks) {
            require(c != null && CHECK.matcher(c).matches(), "invalid check name '" + c + "'");
        }
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        draft = draft == null ? Draft.NONE : draft;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new MalformedMessageException("scan job: " + message);
        }
    }

    /** The job id for a pull request head: redeliveries and re-runs of the same head share it. */
    public static String pullRequestJobId(int pullRequest, String head) {
        return "pr-" + pullRequest + "-" + head.toLowerCase(Locale.ROOT);
    }

    /**
     * The job id for a draft pull request's head: not the head's own id, so marking the draft "Ready for review"
     * without a new push queues a job of its own (the draft's may have been skipped by the draft policy).
     */
    public static String draftJobId(int pullRequest, String head) {
        return pullRequestJobId(pullRequest, head) + DRAFT_SUFFIX;
    }

    /** What {@link #draftJobId} appends. */
    public static final String DRAFT_SUFFIX = "-draft";

    /** The prefix of every full-scan job id of one commit ({@code full-<head>}). */
    public static String fullScanJobId(String head) {
        return "full-" + head.toLowerCase(Locale.ROOT);
    }

    /**
     * The job id of a full scan of one commit on one day ({@code full-<head>-<yyyy-mm-dd>}), whoever asks for it: the
     * nightly scheduler, or a push to the default branch. One id for both, so the scheduler sees a push's full scan
     * (it skips a head scanned completely this week, and a job already claimed today).
     */
    public static String fullScanJobId(String head, java.time.LocalDate day) {
        return fullScanJobId(head) + "-" + day;
    }

    /**
     * The pull request number and head a pull request job id names ({@code pr-42-<head>}, optionally followed by
     * {@code -draft} and/or {@code -rerun-...}), or empty for any other id. A check run's {@code external_id} is its
     * job id, so a re-run of a fork's check run (whose event lists no pull request) still finds its pull request.
     */
    public static java.util.Optional<PullRequestHead> pullRequestOf(String jobId) {
        java.util.regex.Matcher m = JOB_ID.matcher(jobId == null ? "" : jobId);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new PullRequestHead(Integer.parseInt(m.group(2)), m.group(3), m.group(1)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** @param jobId the job id without any re-run suffix */
    public record PullRequestHead(int number, String head, String jobId) {
    }

    private static final Pattern JOB_ID = Pattern.compile("(pr-([1-9][0-9]{0,9})-([0-9a-f]{7,64})(?:-draft)?)(?:-rerun-[A-Za-z0-9_.-]+)?");

    public boolean wants(String check) {
        return checks.contains(check);
    }

    /** The same job for other checks (a re-run of one check run). */
    public ScanJob withChecks(List<String> only) {
        return new ScanJob(jobId, repository, installationId, base, head, pullRequest, mode, only, deliveryId, createdAt,
                localPath, draft);
    }
}
