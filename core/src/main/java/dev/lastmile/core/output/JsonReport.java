package dev.lastmile.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import java.util.List;

/**
 * The JSON document of {@code lastmile scan --format json}:
 * <pre>
 * {"tool": {"name", "version"}, "repository", "base", "head", "mode", "pullRequest", "policy",
 *  "provenance": {"aiAuthored", "commits": [{"sha", "ai", "evidence": [{"kind", "tool", "detail"}]}], "gate"},
 *  "findings": [{"ruleId", "category", "severity", "status", "path", "line", "endLine", "message",
 *                "fingerprint", "check", "authoredBy", ...}],
 *  "checks": [{"name", "filesScanned", "durationMs", "incomplete": [...], "failed"}],
 *  "summary": {"total", "failing", "failOn", "failed", "bySeverity", "byStatus", "byCategory"}}
 * </pre>
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String write(ScanResult result) {
        return Json.pretty(document(result));
    }

    public static ObjectNode document(ScanResult result) {
        ObjectNode root = Json.object();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", Version.TOOL_NAME);
        tool.put("version", result.toolVersion());
        root.put("repository", result.repository());
        root.put("base", result.base());
        root.put("head", result.head());
        root.put("mode", result.mode().id());
        if (result.pullRequest() != null) {
            root.put("pullRequest", result.pullRequest());
        } else {
            root.putNull("pullRequest");
        }
        ObjectNode policy = root.putObject("policy");
        policy.put("source", result.policy().source());
        policy.put("failOn", result.policy().failOn().id());
        policy.put("changedByThisChange", result.policyChanged());
        root.set("provenance", ProvenanceJson.write(result.provenance(), result.aiGate()));
        ArrayNode findings = root.putArray("findings");
        result.findings().forEach(f -> findings.add(Json.finding(f)));
        ArrayNode checks = root.putArray("checks");
        for (CheckRun run : result.runs()) {
            ObjectNode c = checks.addObject();
            c.put("name", run.check());
            c.put("filesScanned", run.filesScanned());
            c.put("durationMs", run.durationMs());
            c.put("findings", run.findings().size());
            c.put("failed", !run.failing(result.policy().failOn(), result.mode() == dev.lastmile.core.scan.ScanMode.FULL).isEmpty());
            ArrayNode inc = c.putArray("incomplete");
            run.incomplete().forEach(inc::add);
        }
        ObjectNode summary = summary(result.findings(), result.failing(), result.policy().failOn());
        summary.put("failed", result.failed()); // the AI gate can fail a scan no finding fails (a required check)
        root.set("summary", summary);
        return root;
    }

    public static ObjectNode summary(List<Finding> all, List<Finding> failing, Severity failOn) {
        ObjectNode s = Json.object();
        s.put("total", all.size());
        s.put("failing", failing.size());
        s.put("failOn", failOn.id());
        s.put("failed", !failing.isEmpty());
        ObjectNode bySeverity = s.putObject("bySeverity");
        for (Severity sev : Severity.values()) {
            bySeverity.put(sev.id(), all.stream().filter(f -> f.severity() == sev).count());
        }
        ObjectNode byStatus = s.putObject("byStatus");
        for (FindingStatus st : FindingStatus.values()) {
            byStatus.put(st.id(), all.stream().filter(f -> f.status() == st).count());
        }
        ObjectNode byCategory = s.putObject("byCategory");
        for (Category c : Category.values()) {
            long n = all.stream().filter(f -> f.category() == c).count();
            if (n > 0) {
                byCategory.put(c.id(), n);
            }
        }
        return s;
    }
}
