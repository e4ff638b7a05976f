package dev.lastmile.functions.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report function against S3Proxy, fed the schedule event of the root events/ folder. */
class ReportFunctionTest {

    @Test
    void theScheduledReportIsWrittenUnderTheDayAndLatest() throws Exception {
        try (S3ProxyFixture s3 = S3ProxyFixture.start()) {
            S3ObjectStore store = new S3ObjectStore(s3.createBucket("findings"), "findings", "lm");
            Instant scanned = Instant.parse("2026-11-24T02:00:00Z");
            Finding f = new Finding("SEC001", Category.CREDENTIALS, Severity.HIGH, "Hard-coded credential",
                    "Literal credential under 'password'", "profiles.yml", Region.line(18), "Rotate it", "secrets",
                    FindingStatus.EXISTING, "fp1", null, Map.of());
            CheckRun run = new CheckRun("secrets", "lastmile/credentials", List.of(), List.of(f), 10, List.of(), scanned, 40);
            new FindingsStore(store).save("full-1", new ScanResult("acme/shop", null, "a".repeat(40), ScanMode.FULL,
                    null, Policy.defaults(), false, List.of(run), "test"));

            Path eventFile = Path.of("..", "..", "events", "schedule.json");
            @SuppressWarnings("unchecked")
            Map<String, Object> event = Json.MAPPER.readValue(Files.readString(eventFile), Map.class);
            ReportFunction function = new ReportFunction(store, Clock.fixed(Instant.parse("2026-11-25T06:00:00Z"), ZoneOffset.UTC));
            Map<String, Object> out = function.handleRequest(event, null);

            assertThat(out).containsEntry("runsRead", 1).containsEntry("open", 1);
            assertThat(store.list("reports/")).contains("reports/2026-11-25/index.html", "reports/latest/index.html",
                    "reports/latest/summary.json", "reports/latest/findings.csv");
            JsonNode summary = Json.parse(new String(store.get("reports/latest/summary.json").orElseThrow(), StandardCharsets.UTF_8));
            assertThat(summary.path("open").path("high").asInt()).isEqualTo(1);
            String csv = new String(store.get("reports/2026-11-25/findings.csv").orElseThrow(), StandardCharsets.UTF_8);
            assertThat(csv).contains("acme/shop,secrets,SEC001,credentials,high,profiles.yml,18");
        }
    }

    /**
     * The daily report does not read the whole bucket again: the second day reads only the run document stored since
     * (and the young ones a re-run may have overwritten), the rest comes from the index the first day wrote, and the
     * report is the same as a full read's.
     */
    @Test
    void theNextDaysReportReadsOnlyTheRunsStoredSince() throws Exception {
        try (S3ProxyFixture s3 = S3ProxyFixture.start()) {
            S3ObjectStore s3store = new S3ObjectStore(s3.createBucket("findings"), "findings", "inc");
            java.util.concurrent.atomic.AtomicInteger runReads = new java.util.concurrent.atomic.AtomicInteger();
            dev.lastmile.core.store.ObjectStore store = new dev.lastmile.core.store.ObjectStore() {
                public void put(String key, byte[] data, String contentType) {
                    s3store.put(key, data, contentType);
                }

                public boolean putIfAbsent(String key, byte[] data, String contentType) {
                    return s3store.putIfAbsent(key, data, contentType);
                }

                public java.util.Optional<byte[]> get(String key) {
                    if (key.startsWith("runs/")) {
                        runReads.incrementAndGet();
                    }
                    return s3store.get(key);
                }

                public List<String> list(String prefix) {
                    return s3store.list(prefix);
                }

                public void delete(String key) {
                    s3store.delete(key);
                }

                public String location() {
                    return s3store.location();
                }
            };
            for (int i = 0; i < 3; i++) {
                saveRun(store, "full-old-" + i, "acme/repo" + i, Instant.parse("2026-11-01T02:00:00Z"));
            }
            Map<String, Object> first = new ReportFunction(store, Clock.fixed(Instant.parse("2026-11-25T06:00:00Z"), ZoneOffset.UTC))
                    .handleRequest(Map.of(), null);
            assertThat(first).containsEntry("runsRead", 3).containsEntry("runsFetched", 3);
            assertThat(runReads).hasValue(3);

            saveRun(store, "full-new", "acme/new", Instant.parse("2026-11-25T23:00:00Z"));
            runReads.set(0);
            Map<String, Object> second = new ReportFunction(store, Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC))
                    .handleRequest(Map.of(), null);
            assertThat(second).containsEntry("runsRead", 4).containsEntry("runsFetched", 1).containsEntry("open", 4);
            assertThat(runReads).as("run documents read on the second day").hasValue(1);
            String csv = new String(store.get("reports/latest/findings.csv").orElseThrow(), StandardCharsets.UTF_8);
            assertThat(csv).contains("acme/repo0,secrets,SEC001").contains("acme/new,secrets,SEC001");

            // a damaged index costs one full read, nothing else
            store.put(dev.lastmile.report.ReportGenerator.INDEX_KEY, "not gzip".getBytes(StandardCharsets.UTF_8), "application/gzip");
            Map<String, Object> third = new ReportFunction(store, Clock.fixed(Instant.parse("2026-11-27T06:00:00Z"), ZoneOffset.UTC))
                    .handleRequest(Map.of(), null);
            assertThat(third).containsEntry("runsRead", 4).containsEntry("runsFetched", 4).containsEntry("open", 4);
        }
    }

    private static void saveRun(dev.lastmile.core.store.ObjectStore store, String jobId, String repository, Instant at) {
        Finding f = new Finding("SEC001", Category.CREDENTIALS, Severity.HIGH, "Hard-coded credential",
                "Literal credential under 'password'", "profiles.yml", Region.line(18), "Rotate it", "secrets",
                FindingStatus.EXISTING, "fp-" + repository, null, Map.of());
        CheckRun run = new CheckRun("secrets", "lastmile/credentials", List.of(), List.of(f), 10, List.of(), at, 40);
        new FindingsStore(store).save(jobId, new ScanResult(repository, null, "a".repeat(40), ScanMode.FULL,
                null, Policy.defaults(), false, List.of(run), "test"));
    }
}
