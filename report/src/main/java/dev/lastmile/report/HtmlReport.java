package dev.lastmile.report;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external assets, so it reads the
 * same from S3, a laptop, a phone or paper. Every value from a repository is escaped.
 */
final class HtmlReport {

    /** The page lists at most this many findings; the CSV has them all. */
    static final int MAX_ROWS = 2_000;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    static String render(Report r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>lastmile findings report</title>
                <style>
                :root { --crit:#8b0000; --high:#d1242f; --med:#d4a72c; --low:#6e7781; --info:#8c959f; --new:#d1242f; --fixed:#1a7f37; }
                body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem; color: #1f2328; }
                h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
                .meta { color: #57606a; font-size: .9rem; }
                .cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
                .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 6.5rem; }
                .card b { display: block; font-size: 1.6rem; }
                .sev { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #fff; font-size: .8rem; }
                .critical { background: var(--crit); } .high { background: var(--high); } .medium { background: var(--med); color: #000; }
                .low { background: var(--low); } .info { background: var(--info); }
                table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
                th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
                td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
                code { font-size: .85rem; word-break: break-all; }
                .chart { width: 100%; height: auto; max-height: 260px; }
                .legend span { margin-right: 1rem; } .sw { display: inline-block; width: .8rem; height: .8rem; vertical-align: middle; }
                .scroll { overflow-x: auto; }
                @media (max-width: 640px) { body { font-size: 14px; padding: .5rem; } .hide-narrow { display: none; } }
                @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } .scroll { overflow: visible; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
                </style>
                </head>
                <body>
                """);
        b.append("<header><h1>lastmile findings report</h1><p class=\"meta\">Generated ").append(WHEN.format(r.generatedAt()))
                .append(" from ").append(r.runsRead()).append(" stored runs · ").append(r.repositories().size())
                .append(" repositories · <a href=\"summary.json\">summary.json</a> · <a href=\"findings.csv\">findings.csv</a></p></header>\n");

        b.append("<section aria-labelledby=\"totals\"><h2 id=\"totals\">Open findings</h2><div class=\"cards\">");
        b.append("<div class=\"card\"><b>").append(r.open().size()).append("</b>open</div>");
        for (String s : Report.SEVERITIES) {
            long n = r.open().stream().filter(f -> f.severity().equals(s)).count();
            b.append("<div class=\"card\"><b>").append(n).append("</b><span class=\"sev ").append(s).append("\">").append(s)
                    .append("</span></div>");
        }
        b.append("</div><p class=\"meta\">Open: in the newest full scan of a repository's default branch, or introduced "
                + "by a pull request merged since. Fixed: gone from a later full scan.</p></section>\n");

        openOverTime(b, r);
        trend(b, r.weeks());
        age(b, r);
        repositories(b, r);
        categories(b, r);
        owners(b, r);
        aiChanges(b, r);
        topRules(b, r);
        findings(b, r);
        if (!r.notes().isEmpty()) {
            b.append("<section><h2>Notes</h2><ul>");
            r.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
            b.append("</ul></section>\n");
        }
        b.append("<footer class=\"meta\"><p>lastmile · this page works without scripts and prints on paper.</p></footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void trend(StringBuilder b, List<Report.Week> all) {
        b.append("<section aria-labelledby=\"trend\"><h2 id=\"trend\">New and fixed per week</h2>\n");
        List<Report.Week> weeks = all.size() > 26 ? all.subList(all.size() - 26, all.size()) : all;
        if (weeks.isEmpty()) {
            b.append("<p>No full scans yet: the trend starts with the first scheduled scan.</p></section>\n");
            return;
        }
        int max = weeks.stream().mapToInt(w -> Math.max(w.introduced(), w.fixed())).max().orElse(1);
        max = Math.max(max, 1);
        int width = 720;
        int height = 220;
        int left = 40;
        int bottom = 30;
        int slot = (width - left) / weeks.size();
        int bar = Math.max(2, (slot - 6) / 2);
        b.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\"><title id=\"trend-title\">Findings introduced and fixed per week</title>");
        int plot = height - bottom - 10;
        b.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#8c959f\"/>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"14\" font-size=\"11\" text-anchor=\"end\">").append(max).append("</text>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"").append(height - bottom).append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < weeks.size(); i++) {
            Report.Week w = weeks.get(i);
            int x = left + i * slot + 3;
            int hNew = Math.round((float) w.introduced() / max * plot);
            int hFixed = Math.round((float) w.fixed() / max * plot);
            b.append("<rect class=\"bar-new\" x=\"").append(x).append("\" y=\"").append(height - bottom - hNew).append("\" width=\"")
                    .append(bar).append("\" height=\"").append(hNew).append("\" fill=\"#d1242f\"><title>week of ").append(w.start())
                    .append(": ").append(w.introduced()).append(" new</title></rect>");
            b.append("<rect class=\"bar-fixed\" x=\"").append(x + bar).append("\" y=\"").append(height - bottom - hFixed)
                    .append("\" width=\"").append(bar).append("\" height=\"").append(hFixed).append("\" fill=\"#1a7f37\"><title>week of ")
                    .append(w.start()).append(": ").append(w.fixed()).append(" fixed</title></rect>");
            if (weeks.size() <= 13 || i % 2 == 0) {
                b.append("<text x=\"").append(x + bar).append("\" y=\"").append(height - bottom + 16)
                        .append("\" font-size=\"10\" text-anchor=\"middle\">").append(w.start().toString().substring(5)).append("</text>");
            }
        }
        axisTitles(b, width, height, left, "Week starting (Monday, UTC)", "Findings");
        b.append("</svg>\n<p class=\"legend\"><span><i class=\"sw\" style=\"background:#d1242f\"></i> new</span>"
                + "<span><i class=\"sw\" style=\"background:#1a7f37\"></i> fixed</span></p>\n");
        b.append("<div class=\"scroll\"><table><caption class=\"meta\">The same figures as a table</caption><thead><tr><th>Week of</th><th class=\"n\">New</th><th class=\"n\">Fixed</th></tr></thead><tbody>");
        for (Report.Week w : weeks) {
            b.append("<tr><td>").append(w.start()).append("</td><td class=\"n\">").append(w.introduced()).append("</td><td class=\"n\">")
                    .append(w.fixed()).append("</td></tr>");
        }
        b.append("</tbody></table></div></section>\n");
    }

    /** Axis titles inside a chart's viewBox: the x title under the tick labels, the y title turned along the axis. */
    private static void axisTitles(StringBuilder b, int width, int height, int left, String x, String y) {
        b.append("<text class=\"axis-x\" x=\"").append((left + width) / 2).append("\" y=\"").append(height - 2)
                .append("\" font-size=\"11\" text-anchor=\"middle\">").append(esc(x)).append("</text>");
        b.append("<text class=\"axis-y\" transform=\"translate(11 ").append((height - 30) / 2)
                .append(") rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">").append(esc(y)).append("</text>");
    }

    /** Open findings of full scans at the end of each week, as a line, with the figures as a table. */
    private static void openOverTime(StringBuilder b, Report r) {
        b.append("<section aria-labelledby=\"open-trend\"><h2 id=\"open-trend\">Open findings over time</h2>\n");
        List<Report.Week> all = r.weeks();
        List<Integer> allOpen = r.openAtEndOfWeek();
        int from = Math.max(0, all.size() - 26);
        List<Report.Week> weeks = all.subList(from, all.size());
        List<Integer> open = allOpen.subList(from, allOpen.size());
        if (weeks.isEmpty()) {
            b.append("<p>No full scans yet: the line starts with the first scheduled scan.</p></section>\n");
            return;
        }
        int max = Math.max(1, open.stream().mapToInt(Integer::intValue).max().orElse(1));
        int width = 720;
        int height = 220;
        int left = 52;
        int bottom = 34;
        int plot = height - bottom - 10;
        int slot = Math.max(1, (width - left - 10) / Math.max(1, weeks.size()));
        b.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"open-trend-title\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\"><title id=\"open-trend-title\">Open findings at the end of each week</title>");
        b.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#8c959f\"/>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"14\" font-size=\"11\" text-anchor=\"end\">").append(max).append("</text>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"").append(height - bottom).append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < weeks.size(); i++) {
            int x = left + i * slot + slot / 2;
            int y = height - bottom - Math.round((float) Math.max(0, open.get(i)) / max * plot);
            points.append(x).append(',').append(y).append(' ');
            b.append("<circle class=\"open-point\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\" fill=\"#0969da\"><title>")
                    .append(weeks.get(i).start()).append(": ").append(open.get(i)).append(" open</title></circle>");
            if (weeks.size() <= 13 || i % 2 == 0) {
                b.append("<text x=\"").append(x).append("\" y=\"").append(height - bottom + 14)
                        .append("\" font-size=\"10\" text-anchor=\"middle\">").append(weeks.get(i).start().toString().substring(5)).append("</text>");
            }
        }
        b.append("<polyline class=\"open-line\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"")
                .append(points.toString().strip()).append("\"/>");
        axisTitles(b, width, height, left, "Week starting (Monday, UTC)", "Open findings");
        b.append("</svg>\n<p class=\"meta\">Findings open in the full scans at the end of each week (new minus fixed, "
                + "accumulated); findings of pull requests merged since the last full scan join at the next one.</p>");
        b.append("<div class=\"scroll\"><table><caption class=\"meta\">The same figures as a table</caption><thead><tr><th>Week of</th>"
                + "<th class=\"n\">Open at the end</th></tr></thead><tbody>");
        for (int i = 0; i < weeks.size(); i++) {
            b.append("<tr><td>").append(weeks.get(i).start()).append("</td><td class=\"n\">").append(open.get(i)).append("</td></tr>");
        }
        b.append("</tbody></table></div></section>\n");
    }

    /** How long open findings have been open (since first seen), by severity: stacked bars and the table. */
    private static void age(StringBuilder b, Report r) {
        b.append("<section aria-labelledby=\"age\"><h2 id=\"age\">Age of open findings</h2>\n");
        java.util.Map<String, int[]> bySeverity = r.ageBySeverity();
        int buckets = Report.AGE_BUCKETS.size();
        int[] totals = new int[buckets];
        bySeverity.values().forEach(a -> {
            for (int i = 0; i < buckets; i++) {
                totals[i] += a[i];
            }
        });
        int max = Math.max(1, java.util.Arrays.stream(totals).max().orElse(1));
        int width = 720;
        int height = 200;
        int left = 52;
        int bottom = 34;
        int plot = height - bottom - 10;
        int slot = (width - left - 10) / buckets;
        String[] colours = {"#8b0000", "#d1242f", "#d4a72c", "#6e7781", "#8c959f"};
        b.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"age-title\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\"><title id=\"age-title\">Open findings by time since first seen, by severity</title>");
        b.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#8c959f\"/>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"14\" font-size=\"11\" text-anchor=\"end\">").append(max).append("</text>");
        b.append("<text x=\"").append(left - 6).append("\" y=\"").append(height - bottom).append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < buckets; i++) {
            int x = left + i * slot + 8;
            int y = height - bottom;
            int s = 0;
            for (String severity : Report.SEVERITIES) {
                int n = bySeverity.getOrDefault(severity, new int[buckets])[i];
                int h = Math.round((float) n / max * plot);
                if (n > 0) {
                    y -= h;
                    b.append("<rect class=\"age-bar\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                            .append(slot - 16).append("\" height=\"").append(h).append("\" fill=\"").append(colours[s])
                            .append("\"><title>").append(Report.AGE_BUCKETS.get(i)).append(": ").append(n).append(' ')
                            .append(severity).append("</title></rect>");
                }
                s++;
            }
            b.append("<text x=\"").append(x + (slot - 16) / 2).append("\" y=\"").append(height - bottom + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(Report.AGE_BUCKETS.get(i)).append("</text>");
        }
        axisTitles(b, width, height, left, "Open for (since first seen)", "Open findings");
        b.append("</svg>\n<div class=\"scroll\"><table><caption class=\"meta\">The same figures as a table</caption><thead><tr><th>Severity</th>");
        Report.AGE_BUCKETS.forEach(a -> b.append("<th class=\"n\">").append(esc(a)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (String severity : Report.SEVERITIES) {
            int[] row = bySeverity.getOrDefault(severity, new int[buckets]);
            b.append("<tr><td><span class=\"sev ").append(severity).append("\">").append(severity).append("</span></td>");
            for (int n : row) {
                b.append("<td class=\"n\">").append(n).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static void repositories(StringBuilder b, Report r) {
        b.append("<section aria-labelledby=\"repos\"><h2 id=\"repos\">By repository</h2><div class=\"scroll\"><table><thead><tr><th>Repository</th>");
        for (String s : Report.SEVERITIES) {
            b.append("<th class=\"n\"><span class=\"sev ").append(s).append("\">").append(s).append("</span></th>");
        }
        b.append("<th class=\"n\">Open</th><th class=\"hide-narrow\">Last full scan</th></tr></thead><tbody>");
        for (Report.RepositoryStatus s : r.repositories()) {
            b.append("<tr><td>").append(esc(s.repository())).append("</td>");
            for (String sev : Report.SEVERITIES) {
                b.append("<td class=\"n\">").append(s.openBySeverity().get(sev)).append("</td>");
            }
            b.append("<td class=\"n\">").append(s.open()).append("</td><td class=\"hide-narrow\">")
                    .append(s.lastFullScan() == null ? "never" : WHEN.format(s.lastFullScan())).append("</td></tr>");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static void categories(StringBuilder b, Report r) {
        java.util.Map<String, Long> byCategory = new java.util.TreeMap<>();
        r.open().forEach(f -> byCategory.merge(f.category(), 1L, Long::sum));
        b.append("<section aria-labelledby=\"cats\"><h2 id=\"cats\">By category</h2><table><thead><tr><th>Category</th><th class=\"n\">Open</th></tr></thead><tbody>");
        byCategory.forEach((c, n) -> b.append("<tr><td>").append(esc(c)).append("</td><td class=\"n\">").append(n).append("</td></tr>"));
        b.append("</tbody></table></section>\n");
    }

    /** Open findings per CODEOWNERS owner: a stacked bar per owner, with labelled axes, and the same as a table. */
    private static void owners(StringBuilder b, Report r) {
        if (r.byOwner().isEmpty()) {
            return;
        }
        b.append("<section aria-labelledby=\"owners\"><h2 id=\"owners\">By owner (CODEOWNERS)</h2>\n");
        java.util.List<java.util.Map.Entry<String, java.util.Map<String, Integer>>> rows = new java.util.ArrayList<>(r.byOwner().entrySet());
        rows.sort(java.util.Comparator.comparingInt((java.util.Map.Entry<String, java.util.Map<String, Integer>> e) ->
                -e.getValue().values().stream().mapToInt(Integer::intValue).sum()).thenComparing(java.util.Map.Entry::getKey));
        java.util.List<java.util.Map.Entry<String, java.util.Map<String, Integer>>> shown = rows.subList(0, Math.min(20, rows.size()));
        int max = Math.max(1, shown.stream().mapToInt(e -> e.getValue().values().stream().mapToInt(Integer::intValue).sum()).max().orElse(1));
        int left = 190;
        int width = 720;
        int row = 22;
        int top = 10;
        int height = top + shown.size() * row + 40;
        b.append("<svg class=\"chart owners\" role=\"img\" aria-labelledby=\"owners-title\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\"><title id=\"owners-title\">Open findings per owner, by severity</title>");
        for (int i = 0; i < shown.size(); i++) {
            var e = shown.get(i);
            int y = top + i * row;
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 14).append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(esc(e.getKey().length() > 30 ? e.getKey().substring(0, 29) + "…" : e.getKey())).append("</text>");
            int x = left;
            for (String sev : Report.SEVERITIES) {
                int n = e.getValue().getOrDefault(sev, 0);
                if (n == 0) {
                    continue;
                }
                int w = Math.max(1, Math.round((float) n / max * (width - left - 20)));
                b.append("<rect class=\"").append(sev).append("\" x=\"").append(x).append("\" y=\"").append(y + 3)
                        .append("\" width=\"").append(w).append("\" height=\"").append(row - 6).append("\" fill=\"var(--")
                        .append(sev.equals("critical") ? "crit" : sev.equals("medium") ? "med" : sev).append(")\"><title>")
                        .append(esc(e.getKey())).append(": ").append(n).append(' ').append(sev).append("</title></rect>");
                x += w;
            }
        }
        int axis = top + shown.size() * row + 4;
        b.append("<line x1=\"").append(left).append("\" y1=\"").append(axis).append("\" x2=\"").append(width - 20).append("\" y2=\"")
                .append(axis).append("\" stroke=\"#8c959f\"/>");
        b.append("<text x=\"").append(left).append("\" y=\"").append(axis + 14).append("\" font-size=\"11\">0</text>");
        b.append("<text x=\"").append(width - 20).append("\" y=\"").append(axis + 14).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(max).append("</text>");
        b.append("<text class=\"axis-label\" x=\"").append((left + width) / 2).append("\" y=\"").append(axis + 30)
                .append("\" font-size=\"11\" text-anchor=\"middle\">open findings</text>");
        b.append("<text class=\"axis-label\" x=\"10\" y=\"").append(top + 8).append("\" font-size=\"11\">owner</text>");
        b.append("</svg>\n<table><thead><tr><th>Owner</th><th class=\"n\">Open</th>");
        Report.SEVERITIES.forEach(s -> b.append("<th class=\"n\">").append(s).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (var e : rows) {
            b.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">")
                    .append(e.getValue().values().stream().mapToInt(Integer::intValue).sum()).append("</td>");
            Report.SEVERITIES.forEach(s -> b.append("<td class=\"n\">").append(e.getValue().getOrDefault(s, 0)).append("</td>"));
            b.append("</tr>");
        }
        b.append("</tbody></table><p class=\"meta\">Owners as each repository's CODEOWNERS assigns them (the last matching "
                + "line wins); a finding with several owners counts for each. owners.csv has the same table.</p></section>\n");
    }

    /** AI-assisted changes beside people's, from the audit trail. */
    private static void aiChanges(StringBuilder b, Report r) {
        AiChanges ai = r.aiChanges();
        if (ai.isEmpty()) {
            return;
        }
        b.append("<section aria-labelledby=\"ai\"><h2 id=\"ai\">AI-assisted changes</h2>");
        b.append("<p>").append(ai.ai().changes()).append(" of ").append(ai.ai().changes() + ai.human().changes())
                .append(" pull requests (").append(Math.round(ai.aiShare() * 100)).append(" %) carry evidence of an AI assistant or agent.</p>");
        b.append("<table><thead><tr><th>Changes</th><th class=\"n\">Pull requests</th><th class=\"n\">Findings</th>"
                + "<th class=\"n\">Findings per change</th><th class=\"n\">Suppressed</th><th class=\"n\">Suppression rate</th></tr></thead><tbody>");
        for (var side : java.util.List.of(java.util.Map.entry("AI-assisted", ai.ai()), java.util.Map.entry("Other", ai.human()))) {
            AiChanges.Side s = side.getValue();
            b.append("<tr><td>").append(side.getKey()).append("</td><td class=\"n\">").append(s.changes()).append("</td><td class=\"n\">")
                    .append(s.findings()).append("</td><td class=\"n\">").append(String.format(java.util.Locale.ROOT, "%.1f", s.findingsPerChange()))
                    .append("</td><td class=\"n\">").append(s.suppressed()).append("</td><td class=\"n\">")
                    .append(Math.round(s.suppressionRate() * 100)).append(" %</td></tr>");
        }
        b.append("</tbody></table>");
        if (ai.mergedWithOpen().isEmpty()) {
            b.append("<p>No AI-assisted change was merged with open findings.</p>");
        } else {
            b.append("<h3>Merged with open findings</h3><table><thead><tr><th>Pull request</th><th>Merge commit</th>"
                    + "<th class=\"n\">Open findings</th><th>Highest</th></tr></thead><tbody>");
            for (AiChanges.MergedChange m : ai.mergedWithOpen()) {
                b.append("<tr><td>").append(esc(m.repository())).append('#').append(m.pullRequest()).append("</td><td><code>")
                        .append(esc(m.mergeCommit() == null ? "" : m.mergeCommit().substring(0, Math.min(12, m.mergeCommit().length()))))
                        .append("</code></td><td class=\"n\">").append(m.openFindings()).append("</td><td><span class=\"sev ")
                        .append(esc(m.highestSeverity())).append("\">").append(esc(m.highestSeverity())).append("</span></td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<p class=\"meta\">From the audit trail: each pull request's merge record, or its newest record. ai-changes.csv "
                + "lists the merged ones.</p></section>\n");
    }

    private static void topRules(StringBuilder b, Report r) {
        b.append("<section aria-labelledby=\"rules\"><h2 id=\"rules\">Top rules</h2><table><thead><tr><th>Rule</th><th>What</th><th class=\"n\">Open</th></tr></thead><tbody>");
        for (Report.RuleCount c : r.topRules()) {
            if (Report.COVERAGE_CATEGORY.equals(c.category())) {
                continue; // coverage notices are counted under the findings list, not ranked as problems
            }
            b.append("<tr><td><code>").append(esc(c.ruleId())).append("</code></td><td>").append(esc(c.title())).append("</td><td class=\"n\">")
                    .append(c.open()).append("</td></tr>");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void findings(StringBuilder b, Report r) {
        b.append("<section aria-labelledby=\"list\"><h2 id=\"list\">Open findings</h2>");
        List<Report.OpenFinding> listed = r.findingsOnly();
        if (listed.size() > MAX_ROWS) {
            b.append("<p class=\"meta\">The ").append(MAX_ROWS).append(" most severe of ").append(listed.size())
                    .append(" are listed; findings.csv has them all.</p>");
        }
        b.append("<div class=\"scroll\"><table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>What</th><th class=\"hide-narrow\">Since</th></tr></thead><tbody>");
        for (Report.OpenFinding f : listed.subList(0, Math.min(MAX_ROWS, listed.size()))) {
            b.append("<tr><td><span class=\"sev ").append(esc(f.severity())).append("\">").append(esc(f.severity())).append("</span></td><td><code>")
                    .append(esc(f.ruleId())).append("</code></td><td>");
            String where = esc(f.repository()) + " <code>" + esc(f.path()) + ":" + f.line() + "</code>";
            String url = link(f);
            b.append(url == null ? where : "<a href=\"" + esc(url) + "\">" + where + "</a>");
            b.append("</td><td>").append(esc(f.message())).append("</td><td class=\"hide-narrow\">").append(esc(f.source())).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        // one line per check for what lastmile could not analyse (issue 16): coverage, not problems in the code
        r.coverageByCheck().forEach((check, n) -> b.append("<p class=\"meta coverage\">Coverage of <code>").append(esc(check))
                .append("</code>: ").append(n).append(n == 1 ? " place" : " places")
                .append(" lastmile could not fully analyse, not problems in the code; findings.csv lists them (category parse).</p>"));
        b.append("</section>\n");
    }

    /** The finding's file and line on GitHub, when the repository and revision allow one. */
    static String link(Report.OpenFinding f) {
        if (!REPO.matcher(f.repository()).matches() || f.head() == null || !SHA.matcher(f.head()).matches()) {
            return null;
        }
        return "https://github.com/" + f.repository() + "/blob/" + f.head() + "/" + dev.lastmile.core.output.Sarif.uri(f.path())
                + "#L" + f.line();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
