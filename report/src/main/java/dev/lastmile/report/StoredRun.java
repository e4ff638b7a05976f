package dev.lastmile.report;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.store.RunDocument;
import com.fasterxml.jackson.databind.JsonNode;
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

    /** The reduced run in the run document's own shape, so {@link #fromIndex} reads it back (the report's index). */
    com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var n = dev.lastmile.core.output.Json.object().put("repository", repository).put("jobId", jobId).put("check", check)
                .put("mode", mode).put("head", head).put("startedAt", startedAt.toString());
        if (pullRequest != null) {
            n.put("pullRequest", pullRequest.intValue());
        }
        var rows = n.putArray("findings");
        for (Row r : findings) {
            rows.addObject().put("ruleId", r.ruleId()).put("title", r.title()).put("category", r.category())
                    .put("severity", r.severity()).put("status", r.status()).put("path", r.path()).put("line", r.line())
                    .put("message", r.message()).put("fingerprint", r.fingerprint());
        }
        return n;
    }

    /** A reduced run as the report's index keeps it ({@link #toJson}). */
    static StoredRun fromIndex(JsonNode doc) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode f : doc.path("findings")) {
            rows.add(new Row(f.path("ruleId").asText(), f.path("title").asText(""), f.path("category").asText(),
                    f.path("severity").asText(), f.path("status").asText(), f.path("path").asText(),
                    f.path("line").asInt(1), f.path("message").asText(""), f.path("fingerprint").asText("")));
        }
        Integer pr = doc.path("pullRequest").isInt() ? doc.path("pullRequest").asInt() : null;
        return new StoredRun(doc.path("repository").asText(), doc.path("jobId").asText(), doc.path("check").asText(),
                doc.path("mode").asText(), pr, doc.path("head").asText(""),
                Instant.parse(doc.path("startedAt").asText("1970-01-01T00:00:00Z")), List.copyOf(rows));
    }
}
