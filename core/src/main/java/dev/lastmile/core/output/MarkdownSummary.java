package dev.lastmile.core.output;

import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ScanMode;
import java.util.Comparator;
import java.util.List;

/**
 * The pull-request summary in GitHub-flavoured Markdown: one table of checks, then the findings that fail the run,
 * then the others folded away; coverage notices are one line per check under the table ({@link #coverageLine}). It never exceeds {@link #GITHUB_LIMIT} characters (GitHub rejects longer comment
 * bodies and check-run summaries): rows that do not fit are left out and counted honestly at the end.
 */
public final class MarkdownSummary {

    /** GitHub's limit for a comment body and a check run's output summary. */
    public static final int GITHUB_LIMIT = 65_535;
    /** The hidden marker by which the reporter finds its own comment to update. */
    public static final String MARKER = "<!-- lastmile:summary -->";
    private static final int MAX_MESSAGE = 400;
    /** Room kept for the closing lines (omission counts, footer). */
    private static final int FOOTER_RESERVE = 600;

    /**
     * What the summary is about.
     *
     * @param runs          one per check
     * @param failOn        the policy's threshold
     * @param mode          pull request or full scan
     * @param policySource  where the policy came from
     * @param policyChanged whether the change edits the policy (which then does not judge it)
     * @param linkBase      e.g. {@code https://github.com/o/r/blob/<sha>/} to link findings to lines, or null
     * @param maxChars      the size limit, at most {@link #GITHUB_LIMIT}
     * @param provenance    one line on who wrote the change ({@link #provenanceLine}), or empty for none
     */
    public record Input(List<CheckRun> runs, Severity failOn, ScanMode mode, String policySource,
                        boolean policyChanged, String linkBase, int maxChars, String provenance) {
        public Input {
            runs = List.copyOf(runs);
            maxChars = Math.min(maxChars <= 0 ? GITHUB_LIMIT : maxChars, GITHUB_LIMIT);
            provenance = provenance == null ? "" : provenance;
        }

        /** A summary without a provenance line. */
        public Input(List<CheckRun> runs, Severity failOn, ScanMode mode, String policySource,
                     boolean policyChanged, String linkBase, int maxChars) {
            this(runs, failOn, mode, policySource, policyChanged, linkBase, maxChars, "");
        }
    }

    /**
     * One line on who wrote the change, for the summary and the pull request comment: empty when no commit is
     * AI-authored (a person's change is not remarked on), else how many commits and which tools, and the stricter
     * gate's rules when the policy's {@code provenance.ai} applied. Names tools, never people.
     */
    public static String provenanceLine(dev.lastmile.core.provenance.Provenance provenance,
                                        dev.lastmile.core.provenance.AiGate gate) {
        if (!provenance.aiAuthored()) {
            return "";
        }
        long ai = provenance.commits().stream().filter(dev.lastmile.core.provenance.CommitProvenance::ai).count();
        java.util.Set<String> tools = new java.util.TreeSet<>();
        provenance.commits().forEach(c -> c.evidence().forEach(e -> {
            if (!e.tool().isEmpty()) {
                tools.add(e.tool());
            }
        }));
        StringBuilder b = new StringBuilder("🤖 **AI-authored:** ").append(ai).append(" of ")
                .append(provenance.commits().size()).append(provenance.commits().size() == 1 ? " commit" : " commits");
        if (!tools.isEmpty()) {
            b.append(" (").append(text(String.join(", ", tools))).append(')');
        }
        if (gate.applied()) {
            b.append(" · stricter gate: AI-authored lines fail at **").append(gate.failOn().id()).append("** and above");
            if (!gate.missingChecks().isEmpty()) {
                // no finding may fail, yet the scan does: say so as plainly as a failing finding
                b.append("\n\n❌ **The AI gate fails:** checks it requires did not run: ")
                        .append(text(String.join(", ", gate.missingChecks())));
            }
        }
        return b.toString();
    }

    private MarkdownSummary() {
    }

    public static String render(ScanResult result, String linkBase) {
        return render(new Input(result.runs(), result.policy().failOn(), result.mode(), result.policy().source(),
                result.policyChanged(), linkBase, GITHUB_LIMIT, provenanceLine(result.provenance(), result.aiGate())));
    }

    public static String render(Input in) {
        boolean countExisting = in.mode() == ScanMode.FULL;
        List<Finding> all = in.runs().stream().flatMap(r -> r.findings().stream()).toList();
        List<Finding> failing = in.runs().stream().flatMap(r -> r.failing(in.failOn(), countExisting).stream())
                .sorted(ORDER).toList();
        java.util.Set<Finding> failingSet = new java.util.HashSet<>(failing); // a list lookup per finding is quadratic
        List<Finding> others = all.stream().filter(f -> !failingSet.contains(f) && f.status() != FindingStatus.SUPPRESSED)
                .filter(f -> !f.isCoverageNotice()) // counted on one coverage line per check, never listed
                .sorted(ORDER).toList();
        long suppressed = all.stream().filter(f -> f.status() == FindingStatus.SUPPRESSED).count();

        StringBuilder b = new StringBuilder();
        b.append(MARKER).append('\n');
        if (failing.isEmpty()) {
            b.append("## ✅ lastmile: nothing fails this ").append(subject(in.mode())).append('\n');
        } else {
            b.append("## ❌ lastmile: ").append(failing.size()).append(failing.size() == 1 ? " finding fails" : " findings fail")
                    .append(" this ").append(subject(in.mode())).append('\n');
        }
        b.append('\n').append("Threshold: **").append(in.failOn().id()).append("** and above")
                .append(in.mode() == ScanMode.FULL ? "" : ", on lines this change adds or modifies")
                .append(" · policy: `").append(escapeCode(in.policySource())).append('`').append('\n');
        if (!in.provenance().isEmpty()) {
            b.append('\n').append(in.provenance()).append('\n');
        }
        if (in.policyChanged()) {
            b.append("\n> **Note:** this change edits the lastmile policy. It was judged by the policy of its base; "
                    + "the new policy applies once merged.\n");
        }
        b.append("\n| Check | Files | Failing | Other findings | Suppressed | Result |\n|---|---:|---:|---:|---:|---|\n");
        for (CheckRun run : in.runs()) {
            List<Finding> runFailing = run.failing(in.failOn(), countExisting);
            long runSuppressed = run.findings().stream().filter(f -> f.status() == FindingStatus.SUPPRESSED).count();
            long runOthers = run.findings().size() - runFailing.size() - runSuppressed - run.coverageNotices().size();
            String result = !runFailing.isEmpty() ? "❌ failing" : !run.incomplete().isEmpty() ? "⚠️ incomplete" : "✅ passing";
            b.append("| `").append(run.checkRunName()).append("` | ").append(run.filesScanned()).append(" | ")
                    .append(runFailing.size()).append(" | ").append(runOthers).append(" | ").append(runSuppressed)
                    .append(" | ").append(result).append(" |\n");
        }
        for (CheckRun run : in.runs()) {
            for (String note : run.incomplete()) {
                b.append("\n> ⚠️ `").append(run.checkRunName()).append("` could not judge everything: ")
                        .append(cell(note)).append('\n');
            }
        }

        for (CheckRun run : in.runs()) {
            b.append(coverageLine(run));
        }

        // what the change breaks downstream, for findings that name their dependents (the impact family's)
        b.append(BlastRadiusSection.render(all));

        int budget = in.maxChars() - FOOTER_RESERVE;
        int failingShown = 0;
        int othersShown = 0;
        if (!failing.isEmpty()) {
            b.append("\n### Findings that fail the ").append(subject(in.mode())).append("\n\n");
            b.append(TABLE_HEAD);
            failingShown = appendRows(b, failing, in.linkBase(), budget, true);
        }
        if (!others.isEmpty() && b.length() < budget) {
            String label = in.mode() == ScanMode.FULL ? "Below the threshold" : "Below the threshold, or on lines this change did not touch";
            String open = "\n<details><summary>" + label + " (" + others.size() + ")</summary>\n\n" + TABLE_HEAD;
            String close = "\n</details>\n";
            if (b.length() + open.length() + close.length() < budget) {
                b.append(open);
                othersShown = appendRows(b, others, in.linkBase(), budget - close.length(), false);
                b.append(close);
            }
        }
        int leftFailing = failing.size() - failingShown;
        int leftOthers = others.size() - othersShown;
        if (leftFailing > 0 || leftOthers > 0) {
            b.append("\n_Not shown for length: ").append(leftFailing).append(" failing and ").append(leftOthers)
                    .append(" other findings. The check runs' annotations and the SARIF file list them all._\n");
        }
        if (suppressed > 0) {
            b.append("\n_").append(suppressed).append(suppressed == 1 ? " finding is" : " findings are")
                    .append(" suppressed by `lastmile:ignore` comments with reasons._\n");
        }
        b.append("\n<sub>lastmile ").append(Version.current()).append("</sub>\n");
        if (b.length() > in.maxChars()) {
            // cannot happen with the reserve above unless notes are huge; cut hard rather than be rejected by GitHub
            b.setLength(in.maxChars() - 20);
            b.append("\n_(truncated)_\n");
        }
        return b.toString();
    }

    /**
     * One line for a check's coverage notices (issue 16): how many, of which rules, and where the list is; empty when
     * it has none. Coverage notices describe what lastmile could not analyse, not the code, so they are counted here
     * instead of listed among the findings.
     */
    public static String coverageLine(CheckRun run) {
        List<Finding> notices = run.coverageNotices();
        if (notices.isEmpty()) {
            return "";
        }
        java.util.Map<String, Long> byRule = new java.util.TreeMap<>();
        notices.forEach(f -> byRule.merge(f.ruleId(), 1L, Long::sum));
        StringBuilder rules = new StringBuilder();
        byRule.forEach((id, n) -> rules.append(rules.isEmpty() ? "" : ", ").append('`').append(id).append("` ×").append(n));
        return "\n<sub>ℹ️ Coverage of `" + run.checkRunName() + "`: " + notices.size()
                + (notices.size() == 1 ? " place" : " places") + " lastmile could not fully analyse (" + rules
                + "), not problems in the code; listed in the check run's details and the JSON/SARIF output.</sub>\n";
    }

    /**
     * The list a {@link #coverageLine} points to, for a check run's details: one row per notice, at most
     * {@code maxChars} characters (rows that do not fit are counted).
     */
    public static String coverageList(CheckRun run, String linkBase, int maxChars) {
        List<Finding> notices = run.coverageNotices().stream().sorted(ORDER).toList();
        if (notices.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("### Coverage: what lastmile could not fully analyse (")
                .append(notices.size()).append(")\n\n").append(TABLE_HEAD);
        int shown = appendRows(b, notices, linkBase, Math.max(0, maxChars - 120), false);
        if (shown < notices.size()) {
            b.append("\n_").append(notices.size() - shown).append(" more in the JSON/SARIF output._\n");
        }
        return b.toString();
    }

    private static final String TABLE_HEAD = "| Severity | Rule | Where | What |\n|---|---|---|---|\n";

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId);

    private static int appendRows(StringBuilder b, List<Finding> findings, String linkBase, int budget, boolean withFix) {
        int shown = 0;
        for (Finding f : findings) {
            String row = row(f, linkBase, withFix);
            if (b.length() + row.length() > budget) {
                break;
            }
            b.append(row);
            shown++;
        }
        return shown;
    }

    private static String row(Finding f, String linkBase, boolean withFix) {
        String where = "`" + escapeCode(f.path()).replace("|", "\\|") + ":" + f.line() + "`";
        if (linkBase != null && !linkBase.isBlank()) {
            where = "[" + where + "](" + linkBase + Sarif.uri(f.path()) + "#L" + f.line()
                    + (f.endLine() > f.line() ? "-L" + f.endLine() : "") + ")";
        }
        String what = cell(f.message());
        if (withFix && !f.remediation().isBlank()) {
            what += "<br>**Fix:** " + cell(f.remediation());
        }
        String ai = f.authoredBy() == dev.lastmile.core.provenance.AuthoredBy.AI ? " · AI-authored"
                : f.authoredBy() == dev.lastmile.core.provenance.AuthoredBy.MIXED ? " · partly AI-authored" : "";
        return "| " + icon(f.severity()) + " " + f.severity().id() + ai + " | `" + f.ruleId() + "` " + cell(f.title()) + " | "
                + where + " | " + what + " |\n";
    }

    private static String icon(Severity s) {
        return switch (s) {
            case CRITICAL -> "🟥";
            case HIGH -> "🔴";
            case MEDIUM -> "🟠";
            case LOW -> "🟡";
            case INFO -> "⚪";
        };
    }

    private static String subject(ScanMode mode) {
        return mode == ScanMode.FULL ? "scan" : "pull request";
    }

    /** Makes text safe inside a table cell: one line, Markdown and HTML inert (see {@link #text}), bounded length. */
    static String cell(String text) {
        String t = text(text);
        if (t.length() > MAX_MESSAGE) {
            int cut = MAX_MESSAGE - 1;
            if (t.charAt(cut - 1) == '\\') {
                cut--; // never leave a dangling escape
            }
            t = t.substring(0, cut) + "…";
        }
        return t;
    }

    /**
     * User text (messages that quote a model or a manifest) made inert in Markdown: line breaks and other control
     * characters become spaces, pipes and the characters that open emphasis, code, links, images and headings are
     * escaped with a backslash, and {@code <} {@code >} become entities, so no tag or comment (lastmile's own marker
     * included) can be written through it.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(' ');
            } else if (c == '<') {
                b.append("&lt;");
            } else if (c == '>') {
                b.append("&gt;");
            } else if ("\\`*_[]!~#|".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A file name inside a code span: Markdown is not interpreted there, but a backtick would close the span, a line
     * break would end the table row, and {@code <!--} would still be in the comment's raw text for anything searching
     * it; so backticks become {@code '}, control characters spaces, and angle brackets {@code ‹ ›}.
     */
    static String escapeCode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' '
                    : c == '`' ? '\'' : c == '<' ? '‹' : c == '>' ? '›' : c);
        }
        return b.toString();
    }
}
