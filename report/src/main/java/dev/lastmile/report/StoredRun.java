package dev.lastmile.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run document from the findings store, reduced to what a report needs (messages and paths kept, remediation
 * and properties dropped), so 100,000 findings fit comfortably in memory.
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

    static StoredRun from(JsonNode doc) {
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
