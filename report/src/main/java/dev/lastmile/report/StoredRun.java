package dev.lastmile.report;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.store.RunDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run document from the findings store ({@link RunDocument}, read by the store's one reader), reduced to what a
 * report needs (messages and paths kept, remediation and properties dropped), so 100,000 findings fit comfortably in
 * memory: each document is reduced as soon as it is read.
 */
record StoredRun(String repository, String jobId, String check, String mode, Integer pullRequest, String head,
                 Instant startedAt, List<Row> findings) {

    /** One finding of a run. */
    record Row(String ruleId, String title, String category, String severity, String status, String path, int line,
               String message, String fingerprint) {
    }

    boolean isFull() {
        return "full".equals(mode);
    }

    /** The report's view of a run document read by the store's one reader. */
    static StoredRun from(RunDocument doc) {
        List<Row> rows = new ArrayList<>(doc.run().findings().size());
        for (Finding f : doc.run().findings()) {
            rows.add(new Row(f.ruleId(), f.title(), f.category().id(), f.severity().id(),
                    f.status() == null ? "new" : f.status().id(), f.path(), f.line(), f.message(),
                    f.fingerprint() == null ? "" : f.fingerprint()));
        }
        return new StoredRun(doc.repository(), doc.jobId(), doc.check(), doc.mode().id(), doc.pullRequest(),
                doc.head() == null ? "" : doc.head(), doc.startedAt(), List.copyOf(rows));
    }
}
