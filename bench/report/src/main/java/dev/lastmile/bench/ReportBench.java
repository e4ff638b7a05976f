package dev.lastmile.bench;

import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.s3.S3ProxyFixture;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.report.Report;
import dev.lastmile.report.ReportGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The findings report over 100,000 finding rows in 2,000 run documents, read through the real AWS SDK from S3Proxy
 * in this JVM. Run with {@code bench/report/run.sh} (-Xmx512m). Prints the wall time of reading and rendering, and
 * the peak heap in use.
 *
 * <p>Usage: {@code ReportBench [runs] [findingsPerRun]} (defaults 2000 and 50).
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perRun = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (S3ProxyFixture s3 = S3ProxyFixture.start()) {
            S3Client client = s3.createBucket("bench");
            S3ObjectStore store = new S3ObjectStore(client, "bench", "lastmile");
            long t0 = System.nanoTime();
            fill(store, runs, perRun);
            double fillSeconds = (System.nanoTime() - t0) / 1e9;

            System.gc();
            long t1 = System.nanoTime();
            Report report = new ReportGenerator(16).build(store, Instant.parse("2026-11-25T00:00:00Z"));
            Map<String, String> files = ReportGenerator.files(report);
            double reportSeconds = (System.nanoTime() - t1) / 1e9;

            long rows = (long) runs * perRun;
            System.out.printf("stored %d run documents with %,d finding rows in %.1f s (setup, not measured)%n", runs, rows, fillSeconds);
            System.out.printf("report: read %d runs and built %d open findings, %,d bytes of HTML, in %.2f s wall%n",
                    report.runsRead(), report.open().size(), files.get("index.html").length(), reportSeconds);
            System.out.printf("peak heap used: %d MB (max heap %d MB)%n", peakHeapMb(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /** 2,000 runs: 100 repositories × (10 full scans over 10 weeks + 10 pull-request runs), each with its findings. */
    private static void fill(S3ObjectStore store, int runs, int perRun) throws InterruptedException {
        FindingsStore findings = new FindingsStore(store);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Instant start = Instant.parse("2026-09-07T02:00:00Z");
        int repos = Math.max(1, runs / 20);
        for (int i = 0; i < runs; i++) {
            int run = i;
            pool.submit(() -> {
                String repo = "acme/repo-" + (run % repos);
                int n = run / repos;
                boolean full = n % 2 == 0;
                Instant at = start.plusSeconds((long) (n / 2) * 7 * 86400);
                List<Finding> list = new ArrayList<>(perRun);
                for (int j = 0; j < perRun; j++) {
                    int id = (j + n) % (perRun + 5);
                    list.add(new Finding("SQL00" + (id % 9 + 1), Category.PII, Severity.values()[id % 5], "A rule",
                            "column email_" + id + " reaches model m" + id, "models/marts/m" + (id % 40) + ".sql",
                            Region.line(1 + id), "fix it", "sql", full ? FindingStatus.EXISTING : FindingStatus.NEW,
                            "fp-" + id, null, Map.of()));
                }
                CheckRun checkRun = new CheckRun("sql", "lastmile/sql", List.of(), list, 100, List.of(), at, 50);
                ScanResult result = new ScanResult(repo, full ? null : "b".repeat(40), String.format("%040x", run),
                        full ? ScanMode.FULL : ScanMode.PULL_REQUEST, full ? null : n, Policy.defaults(), false,
                        List.of(checkRun), "bench");
                findings.save((full ? "full-" : "pr-") + run, result, checkRun);
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("filling the store took too long");
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
