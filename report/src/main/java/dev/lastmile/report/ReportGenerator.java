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

    public static final List<String> FILES = List.of("index.html", "summary.json", "findings.csv");

    private final int parallelism;

    /** @param parallelism how many store reads run at once (S3 latency is hidden by parallel reads) */
    public ReportGenerator(int parallelism) {
        this.parallelism = parallelism;
    }

    public ReportGenerator() {
        this(16);
    }

    /** Reads the store and computes the report. */
    public Report build(ObjectStore store, Instant now) {
        return ReportBuilder.build(new RunReader(parallelism).read(store), now);
    }

    /** The three report files, by name. */
    public static Map<String, String> files(Report report) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("index.html", HtmlReport.render(report));
        out.put("summary.json", ReportFiles.summaryJson(report));
        out.put("findings.csv", ReportFiles.findingsCsv(report));
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
