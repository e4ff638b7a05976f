package dev.lastmile.report;

import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.core.store.StoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds findings reports from a findings store: {@code index.html} (self-contained), {@code summary.json} and
 * {@code findings.csv}, written to a local folder ({@code lastmile report --out DIR}) or back into the store under
 * {@code reports/<date>/} and {@code reports/latest/} (the {@code report} Lambda function).
 */
public final class ReportGenerator {

    public static final List<String> FILES = List.of("index.html", "summary.json", "findings.csv", "ai-changes.csv",
            "owners.csv");

    private final int parallelism;

    /** @param parallelism how many store reads run at once (S3 latency is hidden by parallel reads) */
    public ReportGenerator(int parallelism) {
        this.parallelism = parallelism;
    }

    public ReportGenerator() {
        this(16);
    }

    /** Reads the store and computes the report (with the audit trail's AI section; no CODEOWNERS). */
    public Report build(ObjectStore store, Instant now) {
        return build(store, now, repository -> java.util.Optional.empty());
    }

    /**
     * As {@link #build(ObjectStore, Instant)}, grouping open findings by owner with each repository's CODEOWNERS
     * ({@code codeOwners}: repository to its file, empty when it has none).
     */
    public Report build(ObjectStore store, Instant now,
                        java.util.function.Function<String, java.util.Optional<CodeOwners>> codeOwners) {
        return ReportBuilder.build(new RunReader(parallelism).read(store), now).with(AiChanges.read(store), codeOwners);
    }

    /** Where {@link #buildIncremental} keeps its index of reduced run documents between reports. */
    public static final String INDEX_KEY = dev.lastmile.core.store.StoreKeys.report("index", "runs.jsonl.gz");
    /** Indexed run documents younger than this are read again: a re-run of a job overwrites its document. */
    public static final java.time.Duration REREAD_YOUNGER_THAN = java.time.Duration.ofDays(3);

    /** A report and how many run documents it had to read from the store (the rest came from the index). */
    public record Incremental(Report report, int runsFetched) {
    }

    /**
     * As {@link #build}, for a store reported on every day (the report function): run documents already in the
     * index {@link #INDEX_KEY} that a previous report wrote, and older than {@link #REREAD_YOUNGER_THAN}, are not
     * read again; the store is still listed, so expired documents drop out. The index is rewritten afterwards. A
     * missing or damaged index only means everything is read once more.
     */
    public Incremental buildIncremental(ObjectStore store, Instant now) {
        Map<String, StoredRun> known = new java.util.HashMap<>();
        try {
            store.get(INDEX_KEY).ifPresent(gz -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)), java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        var n = dev.lastmile.core.output.Json.parse(line);
                        StoredRun run = StoredRun.fromIndex(n.path("run"));
                        if (n.path("v").asInt() == 1 && run.startedAt().isBefore(now.minus(REREAD_YOUNGER_THAN))) {
                            known.put(n.path("key").asText(), run);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (RuntimeException damaged) {
            known.clear();
        }
        RunReader.Contents contents = new RunReader(parallelism).read(store, known);
        var out = new java.io.ByteArrayOutputStream();
        try (var w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(out), java.nio.charset.StandardCharsets.UTF_8)) {
            for (var e : contents.byKey().entrySet()) {
                w.write(dev.lastmile.core.output.Json.object().put("v", 1).put("key", e.getKey())
                        .set("run", e.getValue().toJson()).toString());
                w.write('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        store.put(INDEX_KEY, out.toByteArray(), "application/gzip");
        return new Incremental(ReportBuilder.build(contents, now).with(AiChanges.read(store), repository -> java.util.Optional.empty()),
                contents.fetched());
    }

    /** The three report files, by name. */
    public static Map<String, String> files(Report report) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("index.html", HtmlReport.render(report));
        out.put("summary.json", ReportFiles.summaryJson(report));
        out.put("findings.csv", ReportFiles.findingsCsv(report));
        out.put("ai-changes.csv", ReportFiles.aiChangesCsv(report));
        out.put("owners.csv", ReportFiles.ownersCsv(report));
        return out;
    }

    public static void writeTo(Path dir, Report report) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : files(report).entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    /** Writes under {@code reports/<date>/} and {@code reports/latest/}; returns the keys written. */
    public static List<String> writeTo(ObjectStore store, Report report) {
        String day = LocalDate.ofInstant(report.generatedAt(), ZoneOffset.UTC).toString();
        List<String> keys = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : files(report).entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            String type = e.getKey().endsWith(".html") ? "text/html; charset=utf-8"
                    : e.getKey().endsWith(".json") ? "application/json" : "text/csv; charset=utf-8";
            for (String folder : List.of(day, "latest")) {
                String key = StoreKeys.report(folder, e.getKey());
                store.put(key, bytes, type);
                keys.add(key);
            }
        }
        return keys;
    }
}
