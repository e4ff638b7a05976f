package dev.lastmile.report;

import dev.lastmile.core.store.AuditRecord;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AI-assisted changes beside people's, from the audit trail (docs/reports.md): per pull request its newest record
 * (the merge's when it merged) says whether the change is AI-authored, its findings and its suppressions.
 *
 * @param ai              AI-authored pull requests
 * @param human           the others
 * @param mergedWithOpen  AI-authored pull requests merged with findings neither fixed nor suppressed
 * @param unreadable      audit records that could not be read
 */
public record AiChanges(Side ai, Side human, List<MergedChange> mergedWithOpen, List<String> unreadable) {

    public static final AiChanges NONE = new AiChanges(new Side(0, 0, 0, 0), new Side(0, 0, 0, 0), List.of(), List.of());

    /**
     * @param changes    pull requests
     * @param findings   their findings, suppressed included
     * @param open       findings not suppressed
     * @param suppressed findings suppressed inline
     */
    public record Side(int changes, int findings, int open, int suppressed) {
        /** Findings per change. */
        public double findingsPerChange() {
            return changes == 0 ? 0 : (double) findings / changes;
        }

        /** Share of findings suppressed. */
        public double suppressionRate() {
            return findings == 0 ? 0 : (double) suppressed / findings;
        }
    }

    public record MergedChange(String repository, int pullRequest, String mergeCommit, java.time.Instant mergedAt,
                               int openFindings, String highestSeverity) {
    }

    /** Share of pull requests that are AI-authored. */
    public double aiShare() {
        int all = ai.changes() + human.changes();
        return all == 0 ? 0 : (double) ai.changes() / all;
    }

    public boolean isEmpty() {
        return ai.changes() + human.changes() == 0;
    }

    /** Reads every audit record of the store. */
    public static AiChanges read(ObjectStore store) {
        Map<String, AuditRecord> newest = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String key : store.list(StoreKeys.AUDIT)) {
            if (StoreKeys.parse(key).filter(k -> k.kind() == StoreKeys.Kind.AUDIT_RECORD).isEmpty()) {
                continue;
            }
            try {
                store.get(key).map(AuditRecord::parse).ifPresent(r -> newest.merge(r.repository() + "#" + r.pullRequest(), r,
                        (a, b) -> newer(a, b)));
            } catch (IllegalArgumentException e) {
                unreadable.add(key + ": " + e.getMessage());
            }
        }
        return of(newest.values(), unreadable);
    }

    /** A merge record stands for the change once there is one; otherwise the newest record. */
    private static AuditRecord newer(AuditRecord a, AuditRecord b) {
        boolean am = a.event() == AuditRecord.Event.MERGED;
        boolean bm = b.event() == AuditRecord.Event.MERGED;
        if (am != bm) {
            return am ? a : b;
        }
        return b.at().isAfter(a.at()) ? b : a;
    }

    static AiChanges of(java.util.Collection<AuditRecord> perChange, List<String> unreadable) {
        int[] ai = new int[4];
        int[] human = new int[4];
        List<MergedChange> merged = new ArrayList<>();
        for (AuditRecord r : perChange) {
            int[] side = r.provenance().aiAuthored() ? ai : human;
            long suppressed = r.findings().stream().filter(f -> f.status().equals("suppressed")).count();
            List<AuditRecord.FindingEntry> open = r.findings().stream()
                    .filter(f -> !f.status().equals("suppressed") && !f.status().equals("existing")).toList();
            side[0]++;
            side[1] += r.findings().size();
            side[2] += (int) (r.findings().size() - suppressed);
            side[3] += (int) suppressed;
            if (r.provenance().aiAuthored() && r.event() == AuditRecord.Event.MERGED && !open.isEmpty()) {
                String highest = open.stream().map(f -> f.severity()).min(Comparator.comparingInt(Report.SEVERITIES::indexOf))
                        .orElse("");
                merged.add(new MergedChange(r.repository(), r.pullRequest(), r.merge() == null ? null : r.merge().commit(),
                        r.merge() == null ? null : r.merge().mergedAt(), open.size(), highest));
            }
        }
        merged.sort(Comparator.comparing(MergedChange::repository).thenComparingInt(MergedChange::pullRequest));
        return new AiChanges(new Side(ai[0], ai[1], ai[2], ai[3]), new Side(human[0], human[1], human[2], human[3]),
                List.copyOf(merged), List.copyOf(unreadable));
    }
}
