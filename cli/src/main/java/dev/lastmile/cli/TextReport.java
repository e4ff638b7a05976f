package dev.lastmile.cli;

import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.engine.SkippedCheck;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable output of {@code lastmile scan}: findings grouped by file, then one summary line. */
final class TextReport {

    private TextReport() {
    }

    static String render(ScanResult r) {
        StringBuilder b = new StringBuilder();
        b.append("lastmile ").append(r.toolVersion()).append(" · ").append(r.repository()).append(" · ");
        if (r.base() != null) {
            b.append(shortRev(r.base())).append("..");
        }
        b.append(shortRev(r.head())).append(" · checks: ")
                .append(r.runs().isEmpty() ? "none" : r.runs().stream().map(CheckRun::check).collect(Collectors.joining(", ")))
                .append(" · policy: ").append(r.policy().source()).append(", fail on ").append(r.policy().failOn().id())
                .append('\n');
        if (!r.notEnabled().isEmpty()) {
            b.append("not enabled by the policy's checks: ")
                    .append(r.notEnabled().stream().map(SkippedCheck::check).collect(Collectors.joining(", "))).append('\n');
        }
        if (r.policyChanged()) {
            b.append("note: this change edits the policy; it is judged by the policy of its base\n");
        }
        java.util.Set<Finding> failing = new java.util.HashSet<>(r.failing()); // looked up once per finding
        Map<String, List<Finding>> byPath = new LinkedHashMap<>();
        r.findings().stream()
                .sorted(java.util.Comparator.comparing(Finding::path).thenComparingInt(Finding::line))
                .forEach(f -> byPath.computeIfAbsent(f.path(), k -> new java.util.ArrayList<>()).add(f));
        for (Map.Entry<String, List<Finding>> e : byPath.entrySet()) {
            b.append('\n').append(e.getKey()).append('\n');
            for (Finding f : e.getValue()) {
                b.append(String.format("  %4d  %-8s %-7s %s%s [%s]%n", f.line(), f.severity().id(), f.ruleId(),
                        failing.contains(f) ? "✗ " : "", Main.oneLine(f.message()), f.status().id()));
                if (failing.contains(f) && !f.remediation().isBlank()) {
                    b.append("        fix: ").append(Main.oneLine(f.remediation())).append('\n');
                }
            }
        }
        for (CheckRun run : r.runs()) {
            for (String note : run.incomplete()) {
                b.append("\nwarning: ").append(run.check()).append(" could not judge everything: ").append(note).append('\n');
            }
        }
        long news = r.findings().stream().filter(f -> f.status() == FindingStatus.NEW).count();
        long existing = r.findings().stream().filter(f -> f.status() == FindingStatus.EXISTING).count();
        long suppressed = r.findings().stream().filter(f -> f.status() == FindingStatus.SUPPRESSED).count();
        int files = r.runs().stream().mapToInt(CheckRun::filesScanned).max().orElse(0);
        b.append('\n').append(r.findings().size()).append(" findings (").append(news).append(" new, ").append(existing)
                .append(" existing, ").append(suppressed).append(" suppressed) in ").append(files).append(" files; ")
                .append(failing.isEmpty() ? "nothing fails" : failing.size() + " fail the threshold (" + r.policy().failOn().id() + ")")
                .append('\n');
        return b.toString();
    }

    private static String shortRev(String rev) {
        return rev.length() == 40 ? rev.substring(0, 12) : rev;
    }
}
