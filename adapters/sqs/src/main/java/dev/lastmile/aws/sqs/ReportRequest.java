package dev.lastmile.aws.sqs;

import java.util.Objects;

/**
 * What a check function tells the reporter once its run is stored: which job and check, and where the run document
 * is. The reporter reads the findings from the store, not from the message (SQS messages are capped at 256 KB).
 *
 * @param job            the scan job
 * @param check          the check that ran ({@code sql}, ...)
 * @param checkRunName   its GitHub check run name ({@code lastmile/sql})
 * @param runDocumentKey the store key of its run document; null when the check could not run
 * @param error          why the check could not run; null when it ran
 *
 * <p>A third kind, {@link #review}, carries neither: a review of the pull request was submitted or dismissed, and the
 * reporter evaluates the gate again from the stored runs (its {@code check} is {@value #REVIEW}, and the delivery id
 * rides in {@code runDocumentKey}'s place as {@code review:<delivery>}).
 */
public record ReportRequest(ScanJob job, String check, String checkRunName, String runDocumentKey, String error) {

    public ReportRequest {
        Objects.requireNonNull(job, "job");
        if (check == null || check.isBlank()) {
            throw new MalformedMessageException("report: check is required");
        }
        checkRunName = checkRunName == null ? "lastmile/" + check : checkRunName;
        if (REVIEW.equals(check)) {
            if (runDocumentKey == null || !runDocumentKey.startsWith(REVIEW_PREFIX) || error != null) {
                throw new MalformedMessageException("report: a review request carries review:<delivery> and no error");
            }
        } else if ((runDocumentKey == null) == (error == null)) {
            throw new MalformedMessageException("report: exactly one of runDocumentKey and error is required");
        }
    }

    public static ReportRequest completed(ScanJob job, String check, String checkRunName, String runDocumentKey) {
        return new ReportRequest(job, check, checkRunName, runDocumentKey, null);
    }

    /** The pseudo-check of a review request. */
    public static final String REVIEW = "review";
    private static final String REVIEW_PREFIX = "review:";

    /** A review was submitted or dismissed on the job's pull request ({@code deliveryId}: the webhook delivery). */
    public static ReportRequest review(ScanJob job, String deliveryId) {
        return new ReportRequest(job, REVIEW, "lastmile/ai-gate", REVIEW_PREFIX + deliveryId, null);
    }

    public boolean isReview() {
        return REVIEW.equals(check);
    }

    /** The delivery id of a review request. */
    public String reviewDelivery() {
        return isReview() ? runDocumentKey.substring(REVIEW_PREFIX.length()) : null;
    }

    public static ReportRequest failed(ScanJob job, String check, String checkRunName, String error) {
        return new ReportRequest(job, check, checkRunName, null, error);
    }

    /**
     * The FIFO message group: every report of one pull request (or one full-scan head) goes through the reporter in
     * order, so two updates of the same summary comment never race.
     */
    public String messageGroupId() {
        String id = job.repository() + (job.pullRequest() != null ? "#" + job.pullRequest() : "@" + job.head());
        return id.length() <= MAX_FIFO_ID ? id : shortened(id);
    }

    /** SQS's limit for a FIFO message group id and deduplication id. */
    public static final int MAX_FIFO_ID = 128;

    /**
     * An id over SQS's 128 characters, kept unique: the full id's SHA-256 (64 hex characters) and as much of its end
     * as fits, so two long repository names never share a group (a 32-bit hash could).
     */
    static String shortened(String id) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hash = java.util.HexFormat.of().formatHex(digest);
            String tail = id.substring(id.length() - (MAX_FIFO_ID - hash.length() - 1)).replaceAll("[^\\p{Alnum}\\p{Punct}]", "_");
            return hash + ":" + tail;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The FIFO deduplication id: the same job and check reported twice within five minutes is delivered once. */
    public String deduplicationId() {
        String id = job.jobId() + ":" + check + ":" + (isReview() ? runDocumentKey : error == null ? "ok" : "error");
        return id.length() <= MAX_FIFO_ID ? id : shortened(id);
    }
}
