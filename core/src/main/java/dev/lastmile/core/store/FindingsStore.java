package dev.lastmile.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.engine.SkippedCheck;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.output.Json;
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

    /** The keys written for one check run; {@code sarif} and {@code findingRows} are null for a check that did not run. */
    public record RunKeys(String runDocument, String sarif, String findingRows) {
    }

    /**
     * Stores every check run of a scan under {@code jobId}, and a "not enabled" run document for each check the policy
     * left out; returns the keys written, one entry per check.
     */
    public List<RunKeys> save(String jobId, ScanResult result) {
        List<RunKeys> out = new ArrayList<>();
        for (CheckRun run : result.runs()) {
            out.add(save(jobId, result, run));
        }
        for (SkippedCheck skipped : result.notEnabled()) {
            out.add(save(RunDocument.notEnabled(jobId, result, skipped)));
        }
        return out;
    }

    /** Stores one check run: its SARIF, its finding rows, then its run document. */
    public RunKeys save(String jobId, ScanResult result, CheckRun run) {
        RunDocument doc = RunDocument.of(jobId, result, run);
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
        return new RunKeys(save(doc).runDocument(), sarifKey, rowsKey);
    }

    /** Stores a run document alone (a check the policy left out has no SARIF and no rows). */
    public RunKeys save(RunDocument doc) {
        String runKey = StoreKeys.runDocument(doc.repository(), doc.jobId(), doc.check());
        objects.put(runKey, doc.toJson(), "application/json");
        return new RunKeys(runKey, null, null);
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

    /**
     * Reads one run document; empty when nothing is stored under {@code key}.
     *
     * @throws IllegalArgumentException when what is stored there is not a run document
     */
    public Optional<RunDocument> readRun(String key) {
        return objects.get(key).map(RunDocument::parse);
    }

    /** Keys of every run document under {@code runs/}, optionally for one repository. */
    public List<String> runDocumentKeys(String repository) {
        String prefix = repository == null ? StoreKeys.RUNS : StoreKeys.repositoryRunsPrefix(repository);
        return objects.list(prefix).stream().filter(k -> StoreKeys.parse(k)
                .filter(key -> key.kind() == StoreKeys.Kind.RUN_DOCUMENT).isPresent()).toList();
    }
}
