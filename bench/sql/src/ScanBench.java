import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A full scan of a directory with the SQL check, as `lastmile scan --checks sql` runs it: prints files, findings by
 * rule, the scan's own time and peak heap. Time the whole JVM with /usr/bin/time for wall time including start-up.
 *
 * usage: ScanBench DIR [RULE_ID...]   (with rule ids: also prints those findings, to review them)
 *        -Dbench.warmSeconds=N also scans again for N seconds and prints the best (warm) scan
 */
public final class ScanBench {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path root = Path.of(args[0]);
        InMemorySource source = new InMemorySource("bench");
        source.revision("head");
        try (var w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".git/")) {
                    continue; // a clone's object store is not part of the project
                }
                source.put("head", rel, Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        long t1 = System.nanoTime();
        ScanResult r = scan(source);
        long t2 = System.nanoTime();
        // -Dbench.warmSeconds=N: scan again until N seconds have passed (at least five times), for the warm rate
        long warmNanos = Long.getLong("bench.warmSeconds", 0) * 1_000_000_000L;
        long best = Long.MAX_VALUE;
        for (int round = 0; warmNanos > 0 && (round < 5 || System.nanoTime() - t2 < warmNanos); round++) {
            long a = System.nanoTime();
            scan(source);
            best = Math.min(best, System.nanoTime() - a);
        }
        Map<String, Long> byRule = new TreeMap<>(r.findings().stream().collect(Collectors.groupingBy(Finding::ruleId, Collectors.counting())));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        for (int i = 1; i < args.length; i++) {
            String rule = args[i];
            r.findings().stream().filter(f -> f.ruleId().equals(rule)).limit(15)
                    .forEach(f -> System.out.printf("  %s %s:%d %s%n", f.ruleId(), f.path(), f.line(), f.message()));
        }
        int files = r.runs().stream().mapToInt(x -> x.filesScanned()).sum();
        System.out.printf("files %d, findings %d %s%n", files, r.findings().size(), byRule);
        System.out.printf("read %.0f ms, scan %.0f ms (%.0f files/s), peak heap %.0f MB, incomplete %d%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, files / ((t2 - t1) / 1e9), peak / 1e6,
                r.runs().stream().mapToInt(x -> x.incomplete().size()).sum());
        if (best < Long.MAX_VALUE) {
            System.out.printf("warm: best scan %.0f ms (%.0f files/s, %.0f models/s) on %d cores%n", best / 1e6, files / (best / 1e9),
                    r.runs().isEmpty() ? 0 : source.files("head").stream().filter(p -> p.endsWith(".sql") && p.contains("models/")).count() / (best / 1e9),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static ScanResult scan(InMemorySource source) {
        return new ScanEngine().scan(new ScanEngine.Request(source, null, "head", ScanMode.FULL, null,
                Policy.defaults(), List.of(new SqlCheck()), null));
    }
}
