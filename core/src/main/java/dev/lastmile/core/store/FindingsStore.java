package dev.lastmile.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.Sarif;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores scan runs in an {@link ObjectStore} with the layout of {@link StoreKeys}: per check, a run document (JSON),
 * its SARIF, and one JSON line per finding under a date partition that Athena queries. Writing the same job twice
 * overwrites the same keys, so a retried queue message never duplicates a run.
 */
public final class FindingsStore {

    private final ObjectStore objects;

    public FindingsStore(ObjectStore objects) {
        this.objects = objects;
    }

    public ObjectStore objects() {
        return objects;
    }

    /** The keys written for one check run. */
    public record StoredRun(String runDocument, String sarif, String findingRows) {
    }

    /** Stores every check run of a scan under {@code jobId}; returns the keys written, one entry per check. */
    public List<StoredRun> save(String jobId, ScanResult result) {
        List<StoredRun> out = new ArrayList<>();
        for (CheckRun run : result.runs()) {
            out.add(save(jobId, result, run));
        }
        return out;
    }

    public StoredRun save(String jobId, ScanResult result, CheckRun run) {
        ObjectNode doc = runDocument(jobId, result, run);
        String runKey = StoreKeys.runDocument(result.repository(), jobId, run.check());
        String sarifKey = StoreKeys.sarif(result.repository(), jobId, run.check());
        LocalDate day = LocalDate.ofInstant(run.startedAt(), ZoneOffset.UTC);
        String rowsKey = StoreKeys.findingRows(day, run.check(), result.repository(), jobId);

        StringBuilder rows = new StringBuilder();
        for (Finding f : run.findings()) {
            ObjectNode row = Json.finding(f);
            row.put("repository", result.repository());
            row.put("jobId", jobId);
            row.put("head", result.head());
            row.put("base", result.base());
            row.put("mode", result.mode().id());
            if (result.pullRequest() != null) {
                row.put("pullRequest", result.pullRequest());
            }
            row.put("scannedAt", run.startedAt().toString());
            row.remove("properties");
            rows.append(Json.compact(row)).append('\n');
        }
        objects.put(sarifKey, Sarif.write(run, result.head()).getBytes(StandardCharsets.UTF_8), "application/sarif+json");
        objects.put(rowsKey, rows.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        // the run document last: its presence means the run is complete
        objects.put(runKey, Json.pretty(doc).getBytes(StandardCharsets.UTF_8), "application/json");
        return new StoredRun(runKey, sarifKey, rowsKey);
    }

    /** The run document: repository, revisions, pull request, check, tool version, timings, counts, findings. */
    public static ObjectNode runDocument(String jobId, ScanResult result, CheckRun run) {
        ObjectNode doc = Json.object();
        doc.put("schema", "lastmile/run/v1");
        ObjectNode tool = doc.putObject("tool");
        tool.put("name", dev.lastmile.core.Version.TOOL_NAME);
        tool.put("version", result.toolVersion());
        doc.put("jobId", jobId);
        doc.put("repository", result.repository());
        doc.put("base", result.base());
        doc.put("head", result.head());
        doc.put("mode", result.mode().id());
        if (result.pullRequest() != null) {
            doc.put("pullRequest", result.pullRequest());
        } else {
            doc.putNull("pullRequest");
        }
        doc.put("check", run.check());
        doc.put("checkRunName", run.checkRunName());
        doc.put("policySource", result.policy().source());
        doc.put("policyChanged", result.policyChanged());
        doc.put("failOn", result.policy().failOn().id());
        doc.put("startedAt", run.startedAt().toString());
        doc.put("finishedAt", run.startedAt().plusMillis(run.durationMs()).toString());
        doc.put("durationMs", run.durationMs());
        doc.put("filesScanned", run.filesScanned());
        ArrayNode inc = doc.putArray("incomplete");
        run.incomplete().forEach(inc::add);
        List<Finding> failing = run.failing(result.policy().failOn(), result.mode() == dev.lastmile.core.scan.ScanMode.FULL);
        doc.set("counts", JsonReport.summary(run.findings(), failing, result.policy().failOn()));
        ArrayNode findings = doc.putArray("findings");
        run.findings().forEach(f -> findings.add(Json.finding(f)));
        return doc;
    }

    /**
     * Records that a pull request was merged ({@code merges/{owner}/{repo}/pr-{n}.json}): the findings report counts
     * its new findings as open until the next full scan. Writing it again (a redelivered event) changes nothing.
     *
     * @param head the merged head commit, or null
     * @param base the branch it was merged into, or null
     */
    public void recordMerge(String repository, int pullRequest, Instant mergedAt, String head, String base) {
        ObjectNode marker = Json.object().put("repository", repository).put("pullRequest", pullRequest)
                .put("mergedAt", mergedAt.toString());
        if (head != null) {
            marker.put("head", head);
        }
        if (base != null) {
            marker.put("base", base);
        }
        objects.put(StoreKeys.mergeMarker(repository, pullRequest), Json.compact(marker).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /**
     * When each recorded pull request was merged, keyed {@code owner/name#n}; markers that cannot be read are named
     * in {@code unreadable} and left out.
     */
    public java.util.Map<String, Instant> mergedPullRequests(List<String> unreadable) {
        java.util.Map<String, Instant> merged = new java.util.HashMap<>();
        for (String key : objects.list(StoreKeys.MERGES)) {
            objects.get(key).ifPresent(b -> {
                try {
                    JsonNode doc = Json.parse(new String(b, StandardCharsets.UTF_8));
                    merged.put(doc.path("repository").asText() + "#" + doc.path("pullRequest").asInt(),
                            Instant.parse(doc.path("mergedAt").asText()));
                } catch (RuntimeException e) {
                    unreadable.add(key + ": " + e.getMessage());
                }
            });
        }
        return merged;
    }

    /** Reads one run document. */
    public Optional<JsonNode> readRun(String key) {
        return objects.get(key).map(b -> Json.parse(new String(b, StandardCharsets.UTF_8)));
    }

    /** Keys of every run document under {@code runs/}, optionally for one repository. */
    public List<String> runDocumentKeys(String repository) {
        String prefix = repository == null ? StoreKeys.RUNS : StoreKeys.RUNS + StoreKeys.repository(repository) + "/";
        return objects.list(prefix).stream().filter(k -> k.endsWith(".json")).toList();
    }

    /** When the store was last written for a run, for reports: parsed from the document. */
    public static Instant startedAt(JsonNode runDocument) {
        return Instant.parse(runDocument.path("startedAt").asText("1970-01-01T00:00:00Z"));
    }
}
