package dev.lastmile.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.output.Json;

/** The machine-readable halves of a report: {@code summary.json} and {@code findings.csv}. */
final class ReportFiles {

    static final String CSV_HEADER = "repository,check,rule_id,category,severity,path,line,message,fingerprint,source,seen_at,url";

    private ReportFiles() {
    }

    static String summaryJson(Report r) {
        ObjectNode root = Json.object();
        root.put("schema", "lastmile/report/v1");
        root.put("generatedAt", r.generatedAt().toString());
        root.put("runsRead", r.runsRead());
        ObjectNode totals = root.putObject("open");
        totals.put("total", r.open().size());
        for (String s : Report.SEVERITIES) {
            totals.put(s, r.open().stream().filter(f -> f.severity().equals(s)).count());
        }
        ObjectNode byCategory = root.putObject("openByCategory");
        r.open().forEach(f -> byCategory.put(f.category(), byCategory.path(f.category()).asInt(0) + 1));
        ArrayNode repos = root.putArray("repositories");
        for (Report.RepositoryStatus s : r.repositories()) {
            ObjectNode n = repos.addObject();
            n.put("repository", s.repository());
            n.put("open", s.open());
            n.put("lastFullScan", s.lastFullScan() == null ? null : s.lastFullScan().toString());
            ObjectNode sev = n.putObject("openBySeverity");
            s.openBySeverity().forEach(sev::put);
        }
        ArrayNode weeks = root.putArray("weeks");
        for (Report.Week w : r.weeks()) {
            weeks.addObject().put("weekOf", w.start().toString()).put("new", w.introduced()).put("fixed", w.fixed());
        }
        ArrayNode rules = root.putArray("topRules");
        for (Report.RuleCount c : r.topRules()) {
            rules.addObject().put("ruleId", c.ruleId()).put("title", c.title()).put("category", c.category()).put("open", c.open());
        }
        AiChanges ai = r.aiChanges();
        ObjectNode aiNode = root.putObject("aiChanges");
        aiNode.put("share", ai.aiShare());
        for (var side : java.util.Map.of("ai", ai.ai(), "human", ai.human()).entrySet()) {
            aiNode.putObject(side.getKey()).put("changes", side.getValue().changes()).put("findings", side.getValue().findings())
                    .put("open", side.getValue().open()).put("suppressed", side.getValue().suppressed())
                    .put("findingsPerChange", side.getValue().findingsPerChange())
                    .put("suppressionRate", side.getValue().suppressionRate());
        }
        ArrayNode merged = aiNode.putArray("mergedWithOpenFindings");
        ai.mergedWithOpen().forEach(m -> merged.addObject().put("repository", m.repository()).put("pullRequest", m.pullRequest())
                .put("mergeCommit", m.mergeCommit()).put("mergedAt", m.mergedAt() == null ? null : m.mergedAt().toString())
                .put("openFindings", m.openFindings()).put("highestSeverity", m.highestSeverity()));
        ObjectNode owners = root.putObject("openByOwner");
        r.byOwner().forEach((owner, sev) -> {
            ObjectNode o = owners.putObject(owner);
            sev.forEach(o::put);
        });
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return Json.pretty(root);
    }

    static String findingsCsv(Report r) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Report.OpenFinding f : r.open()) {
            String url = HtmlReport.link(f);
            b.append(String.join(",", csv(f.repository()), csv(f.check()), csv(f.ruleId()), csv(f.category()),
                    csv(f.severity()), csv(f.path()), String.valueOf(f.line()), csv(f.message()), csv(f.fingerprint()),
                    csv(f.source()), csv(f.firstSeen().toString()), csv(url == null ? "" : url))).append("\r\n");
        }
        return b.toString();
    }

    /** {@code ai-changes.csv}: the AI-authored pull requests merged with open findings. */
    static String aiChangesCsv(Report r) {
        StringBuilder b = new StringBuilder("repository,pull_request,merge_commit,merged_at,open_findings,highest_severity\r\n");
        for (AiChanges.MergedChange m : r.aiChanges().mergedWithOpen()) {
            b.append(String.join(",", csv(m.repository()), String.valueOf(m.pullRequest()), csv(m.mergeCommit()),
                    csv(m.mergedAt() == null ? "" : m.mergedAt().toString()), String.valueOf(m.openFindings()),
                    csv(m.highestSeverity()))).append("\r\n");
        }
        return b.toString();
    }

    /** {@code owners.csv}: open findings per CODEOWNERS owner and severity. */
    static String ownersCsv(Report r) {
        StringBuilder b = new StringBuilder("owner,total," + String.join(",", Report.SEVERITIES) + "\r\n");
        r.byOwner().forEach((owner, sev) -> {
            b.append(csv(owner)).append(',').append(sev.values().stream().mapToInt(Integer::intValue).sum());
            Report.SEVERITIES.forEach(s -> b.append(',').append(sev.getOrDefault(s, 0)));
            b.append("\r\n");
        });
        return b.toString();
    }

    /** RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
