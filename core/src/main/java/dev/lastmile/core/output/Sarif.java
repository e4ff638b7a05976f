package dev.lastmile.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.Fingerprints;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run per check (with {@code runAutomationDetails.id} set to
 * {@code lastmile/<check>/}), rule metadata with help text, {@code partialFingerprints.primaryLocationLineHash},
 * suppressed findings carried as {@code suppressions} rather than dropped.
 */
public final class Sarif {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/lastmile-dev/lastmile";

    private Sarif() {
    }

    public static String write(ScanResult result) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        for (CheckRun run : result.runs()) {
            runs.add(run(run, result.head()));
        }
        if (result.runs().isEmpty()) {
            runs.add(run(new CheckRun("none", "lastmile", List.of(), List.of(), 0, List.of(), java.time.Instant.now(), 0),
                    result.head()));
        }
        return Json.pretty(root);
    }

    /** A document for one check run alone, as stored beside its run document. */
    public static String write(CheckRun run, String head) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.putArray("runs").add(run(run, head));
        return Json.pretty(root);
    }

    private static ObjectNode run(CheckRun run, String head) {
        ObjectNode r = Json.object();
        ObjectNode driver = r.putObject("tool").putObject("driver");
        driver.put("name", Version.TOOL_NAME);
        driver.put("semanticVersion", semver(Version.current()));
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleMeta m : run.rules()) {
            if (ruleIndex.containsKey(m.id())) {
                continue;
            }
            ruleIndex.put(m.id(), ruleIndex.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", m.id());
            rule.put("name", camel(m.name()));
            rule.putObject("shortDescription").put("text", m.summary());
            rule.putObject("fullDescription").put("text", m.rationale().isEmpty() ? m.summary() : m.rationale());
            String help = m.summary() + "\n\nWhy: " + m.rationale() + "\n\nFix: " + m.remediation();
            ObjectNode helpNode = rule.putObject("help");
            helpNode.put("text", help);
            helpNode.put("markdown", "**" + m.summary() + "**\n\n" + m.rationale() + "\n\n**Remediation:** " + m.remediation());
            rule.putObject("defaultConfiguration").put("level", level(m.severity()));
            ObjectNode props = rule.putObject("properties");
            props.putArray("tags").add(m.category().id()).add(run.check());
            props.put("precision", "high");
            props.put("security-severity", securitySeverity(m.severity()));
        }
        r.putObject("automationDetails").put("id", "lastmile/" + run.check() + "/");
        r.put("columnKind", "unicodeCodePoints");
        ArrayNode results = r.putArray("results");
        for (Finding f : run.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.ruleId());
            Integer idx = ruleIndex.get(f.ruleId());
            if (idx != null) {
                res.put("ruleIndex", idx);
            }
            res.put("level", level(f.severity()));
            res.putObject("message").put("text", f.message().isEmpty() ? f.title() : f.message());
            ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(f.path())).put("uriBaseId", "%SRCROOT%");
            ObjectNode region = phys.putObject("region");
            region.put("startLine", f.region().startLine());
            region.put("endLine", f.region().endLine());
            if (f.region().startColumn() > 0) {
                region.put("startColumn", f.region().startColumn());
                if (f.region().endColumn() > 0) {
                    region.put("endColumn", f.region().endColumn());
                }
            }
            res.putObject("partialFingerprints").put("primaryLocationLineHash", Fingerprints.primaryLocationLineHash(f));
            if (f.fingerprint() != null) {
                res.putObject("fingerprints").put("lastmile/v1", f.fingerprint());
            }
            if (f.status() == FindingStatus.SUPPRESSED) {
                ObjectNode s = res.putArray("suppressions").addObject();
                s.put("kind", "inSource");
                s.put("justification", f.properties().getOrDefault("suppressionReason", ""));
            }
            if (f.status() == FindingStatus.EXISTING) {
                res.put("baselineState", "unchanged");
            } else if (f.status() == FindingStatus.NEW) {
                res.put("baselineState", "new");
            }
            ObjectNode props = res.putObject("properties");
            props.put("category", f.category().id());
            props.put("severity", f.severity().id());
            props.put("status", f.status() == null ? "new" : f.status().id());
            props.put("check", f.check());
            f.properties().forEach(props::put);
        }
        if (!run.incomplete().isEmpty()) {
            ArrayNode notes = r.putArray("invocations").addObject().put("executionSuccessful", true)
                    .putArray("toolExecutionNotifications");
            for (String note : run.incomplete()) {
                ObjectNode n = notes.addObject();
                n.putObject("message").put("text", note);
                n.put("level", "warning");
            }
        }
        return r;
    }

    /** SARIF levels: critical and high are errors, medium warnings, low and info notes. */
    public static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub's security-severity score, which it maps back to critical/high/medium/low. */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
            case INFO -> "0.0";
        };
    }

    /** A repository path as a relative URI reference: each segment percent-encoded (RFC 3986), slashes kept. */
    public static String uri(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    private static String camel(String dotted) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : dotted.toCharArray()) {
            if (c == '.' || c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static String semver(String v) {
        return v.matches("\\d+\\.\\d+\\.\\d+.*") ? v : "0.0.0-" + v.replaceAll("[^0-9A-Za-z-]", "-");
    }
}
