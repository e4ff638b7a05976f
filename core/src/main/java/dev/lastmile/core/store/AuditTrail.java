package dev.lastmile.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The audit trail in an {@link ObjectStore}: one {@link AuditRecord} per pull-request event, appended under a key of
 * its own ({@link StoreKeys#auditRecord}) with a conditional write, so a record is never overwritten; in S3 each record
 * is also locked in governance mode for the retention the deployment sets ({@code AuditRetentionDays}).
 */
public final class AuditTrail {

    private final ObjectStore objects;
    private final Duration retention;

    /**
     * @param retention how long each record is locked against deletion where the store can lock (S3 Object Lock);
     *                  null or zero for no lock
     */
    public AuditTrail(ObjectStore objects, Duration retention) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.retention = retention == null || retention.isZero() || retention.isNegative() ? null : retention;
    }

    public AuditTrail(ObjectStore objects) {
        this(objects, null);
    }

    /**
     * Appends a record; returns its key, or empty when a record of the same event is already there (a redelivered
     * event or a retried message: the first record stands).
     */
    public java.util.Optional<String> append(AuditRecord record) {
        String key = record.key();
        Instant until = retention == null ? null : record.at().plus(retention);
        boolean written = objects.putIfAbsentRetained(key, record.toJson(), "application/json", until);
        return written ? java.util.Optional.of(key) : java.util.Optional.empty();
    }

    /** What to export: one repository, optionally one pull request, optionally records at or after {@code since}. */
    public record Query(String repository, Integer pullRequest, Instant since) {
        public Query {
            Objects.requireNonNull(repository, "repository");
        }
    }

    /** The records read, oldest first, and the keys that could not be read (named, never skipped silently). */
    public record Result(List<AuditRecord> records, List<String> unreadable) {
    }

    public Result read(Query q) {
        String prefix = q.pullRequest() == null ? StoreKeys.auditRepositoryPrefix(q.repository())
                : StoreKeys.auditPullRequestPrefix(q.repository(), q.pullRequest());
        List<AuditRecord> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String key : objects.list(prefix)) {
            if (StoreKeys.parse(key).filter(k -> k.kind() == StoreKeys.Kind.AUDIT_RECORD).isEmpty()) {
                continue;
            }
            try {
                objects.get(key).map(AuditRecord::parse).filter(r -> q.since() == null || !r.at().isBefore(q.since()))
                        .ifPresent(out::add);
            } catch (IllegalArgumentException e) {
                unreadable.add(key + ": " + e.getMessage());
            }
        }
        out.sort(Comparator.comparing(AuditRecord::at).thenComparingInt(AuditRecord::pullRequest));
        return new Result(out, unreadable);
    }
}
