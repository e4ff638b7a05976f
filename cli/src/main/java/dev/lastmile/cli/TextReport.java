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

/**
 * The human-readable output of {@code lastmile scan}: one line per finding starting with {@code path:line:col}
 * (terminals and editors make that a link to the place), then one summary line. Colour only when asked for.
 */
final class TextReport {

    private TextReport() {
    }

    static String render(ScanResult r) {
        return render(r, new Terminal.Style(false), "");
    }

    /**
     * @param style      colours, or none
     * @param pathPrefix what makes a repository path openable from the current directory ("" when the repository is
     *                   the current directory, else the repository's folder with a trailing slash)
     */
    static String render(ScanResult r, Terminal.Style style, String pathPrefix) {
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
        // who wrote the change (docs/provenance.md): said only when an AI assistant or agent did, naming tools
        String provenance = dev.lastmile.core.output.MarkdownSummary.provenanceLine(r.provenance(), dev.lastmile.core.provenance.AiGate.off());
        if (!provenance.isEmpty()) {
            b.append(provenance.replace("🤖 **AI-authored:**", "AI-authored:")).append('\n');
        }
        if (r.aiGate().applied()) {
            b.append(r.aiGate().summary()).append('\n');
        }
        java.util.Set<Finding> failing = new java.util.HashSet<>(r.failing()); // looked up once per finding
        Map<String, List<Finding>> byPath = new LinkedHashMap<>();
        r.findings().stream()
                .sorted(java.util.Comparator.comparing(Finding::path).thenComparingInt(Finding::line))
                .forEach(f -> byPath.computeIfAbsent(f.path(), k -> new java.util.ArrayList<>()).add(f));
        for (Map.Entry<String, List<Finding>> e : byPath.entrySet()) {
            b.append('\n');
            for (Finding f : e.getValue()) {
                boolean fails = failing.contains(f);
                String where = pathPrefix + f.path() + ":" + f.line() + ":" + Math.max(1, f.region().startColumn());
                String severity = String.format("%-8s", f.severity().id());
                severity = fails ? style.red(severity) : f.status() == FindingStatus.NEW ? style.yellow(severity) : style.dim(severity);
                b.append(style.bold(where)).append("  ").append(severity).append(' ')
                        .append(String.format("%-7s ", f.ruleId())).append(fails ? style.red("✗ ") : "")
                        .append(Main.oneLine(f.message())).append(style.dim(" [" + f.status().id()
                                + (f.authoredBy() == dev.lastmile.core.provenance.AuthoredBy.AI ? " · AI-authored"
                                : f.authoredBy() == dev.lastmile.core.provenance.AuthoredBy.MIXED ? " · partly AI-authored" : "")
                                + "]")).append('\n');
                if (fails && !f.remediation().isBlank()) {
                    b.append("    fix: ").append(Main.oneLine(f.remediation())).append('\n');
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
                .append(failing.isEmpty() ? style.green("nothing fails")
                        : style.red(failing.size() + " fail the threshold (" + r.policy().failOn().id() + ")"))
                .append('\n');
        if (r.aiGate().fails()) {
            b.append(style.red("the AI gate fails: required checks did not run: " + String.join(", ", r.aiGate().missingChecks())))
                    .append('\n');
        }
        return b.toString();
    }

    private static String shortRev(String rev) {
        return rev.length() == 40 ? rev.substring(0, 12) : rev;
    }
}
