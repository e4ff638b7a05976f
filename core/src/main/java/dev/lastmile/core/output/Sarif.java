package dev.lastmile.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.Fingerprints;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run per check (with {@code runAutomationDetails.id} set to
 * {@code lastmile/<check>/}, the same on every run so GitHub tracks each check's alerts as one category), rule
 * metadata with help text and a {@code helpUri} to the rule's page, {@code security-severity} and the
 * {@code security} tag on security rules only, {@code partialFingerprints.primaryLocationLineHash}, suppressed
 * findings carried as {@code suppressions} rather than dropped.
 *
 * <p>GitHub's ingestion limits are kept rather than left to a rejected upload: at most {@value #MAX_RUNS} runs per
 * file, {@value #MAX_RESULTS_PER_RUN} results per run and {@value #MAX_TAGS_PER_RULE} tags per rule, and at most
 * {@value #MAX_GZIPPED_BYTES} bytes once gzip-compressed. Results over a limit are left out lowest severity first,
 * and the run says how many in a {@code toolExecutionNotifications} entry.
 */
public final class Sarif {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/lastmile-dev/lastmile";
    /** Where each rule's page lives: {@code <RULES_URI><ID>.md} (the docs/rules/ folder of the repository). */
    public static final String RULES_URI = INFORMATION_URI + "/blob/main/docs/rules/";

    /** GitHub code scanning: runs per uploaded file. */
    public static final int MAX_RUNS = 20;
    /** GitHub code scanning: results per run (only 5,000 are shown, but 25,000 are accepted). */
    public static final int MAX_RESULTS_PER_RUN = 25_000;
    /** GitHub code scanning: tags per rule (20 are accepted, 10 are shown; lastmile sets at most 3). */
    public static final int MAX_TAGS_PER_RULE = 10;
    /** GitHub code scanning: the upload's size once gzip-compressed (10 MB). */
    public static final int MAX_GZIPPED_BYTES = 10 * 1024 * 1024;

    /** Categories whose rules are security rules for GitHub (the {@code security} tag and a security-severity). */
    private static final java.util.Set<Category> SECURITY = java.util.EnumSet.of(Category.PII, Category.CREDENTIALS,
            Category.SQL_INJECTION, Category.RESIDENCY, Category.VULNERABILITY);

    private Sarif() {
    }

    public static String write(ScanResult result) {
        List<CheckRun> runs = result.runs().isEmpty()
                ? List.of(new CheckRun("none", "lastmile", List.of(), List.of(), 0, List.of(), java.time.Instant.EPOCH, 0))
                : result.runs();
        if (runs.size() > MAX_RUNS) {
            // one run per check family: far fewer than GitHub's limit; more means a registry went wrong
            throw new IllegalStateException(runs.size() + " check runs exceed GitHub's " + MAX_RUNS + " runs per SARIF file");
        }
        return withinLimits(runs, MAX_RESULTS_PER_RUN, MAX_GZIPPED_BYTES);
    }

    /** A document for one check run alone, as stored beside its run document. */
    public static String write(CheckRun run, String head) {
        return withinLimits(List.of(run), MAX_RESULTS_PER_RUN, MAX_GZIPPED_BYTES);
    }

    /** The document with at most {@code maxResults} results per run, halving that until it fits {@code maxGzipped}. */
    static String withinLimits(List<CheckRun> runs, int maxResults, int maxGzipped) {
        int limit = maxResults;
        while (true) {
            ObjectNode root = Json.object();
            root.put("$schema", SCHEMA);
            root.put("version", "2.1.0");
            ArrayNode array = root.putArray("runs");
            for (CheckRun run : runs) {
                array.add(run(run, limit, maxResults));
            }
            String text = Json.pretty(root);
            if (limit == 0 || gzippedSize(text) <= maxGzipped) {
                return text;
            }
            limit /= 2;
        }
    }

    static int gzippedSize(String text) {
        var counter = new java.io.OutputStream() {
            int n;

            @Override
            public void write(int b) {
                n++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n += len;
            }
        };
        try (var gz = new java.util.zip.GZIPOutputStream(counter)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return counter.n;
    }

    /**
     * The results a run keeps under {@code limit}: unsuppressed before suppressed, new before existing, higher
     * severity first, then in the run's own order (path, line, rule).
     */
    private static List<Finding> kept(List<Finding> findings, int limit) {
        if (findings.size() <= limit) {
            return findings;
        }
        java.util.Comparator<Finding> order = java.util.Comparator
                .comparing((Finding f) -> f.status() == FindingStatus.SUPPRESSED)
                .thenComparing(f -> f.status() != FindingStatus.NEW)
                .thenComparing(f -> -f.severity().ordinal());
        java.util.Set<Finding> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        findings.stream().sorted(order).limit(limit).forEach(keep::add);
        return findings.stream().filter(keep::contains).toList();
    }

    private static ObjectNode run(CheckRun run, int limit, int maxResults) {
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
            rule.put("helpUri", helpUri(m));
            rule.putObject("defaultConfiguration").put("level", level(m.severity()));
            ObjectNode props = rule.putObject("properties");
            ArrayNode tags = props.putArray("tags");
            tags(m, run.check()).forEach(tags::add);
            props.put("precision", "high");
            if (isSecurity(m)) {
                props.put("security-severity", securitySeverity(m.severity()));
            }
        }
        r.putObject("automationDetails").put("id", "lastmile/" + run.check() + "/");
        r.put("columnKind", "unicodeCodePoints");
        ArrayNode results = r.putArray("results");
        List<Finding> kept = kept(run.findings(), limit);
        for (Finding f : kept) {
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
                // a baseline (lastmile scan --baseline) accepts findings outside the source; a comment inside it
                s.put("kind", "true".equals(f.properties().get("baseline")) ? "external" : "inSource");
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
        List<String> notices = new java.util.ArrayList<>(run.incomplete());
        int left = run.findings().size() - kept.size();
        if (left > 0) {
            notices.add(left + " of " + run.findings().size() + " results left out to stay within GitHub code scanning's "
                    + (limit < maxResults ? "upload size limit" : "limit of " + maxResults + " results per run")
                    + " (lowest severity and existing ones first); the JSON report has every finding");
        }
        if (!notices.isEmpty()) {
            ArrayNode notes = r.putArray("invocations").addObject().put("executionSuccessful", true)
                    .putArray("toolExecutionNotifications");
            for (String note : notices) {
                ObjectNode n = notes.addObject();
                n.putObject("message").put("text", note);
                n.put("level", "warning");
            }
        }
        return r;
    }

    /** The rule's page: docs/rules/{@code <ID>}.md of the repository. */
    public static String helpUri(RuleMeta m) {
        return RULES_URI + m.id() + ".md";
    }

    /** Security rules carry GitHub's {@code security} tag and a {@code security-severity}; the others neither. */
    public static boolean isSecurity(RuleMeta m) {
        return SECURITY.contains(m.category());
    }

    /** Distinct tags, at most {@link #MAX_TAGS_PER_RULE}: the category, the check, {@code security} if it is one. */
    static List<String> tags(RuleMeta m, String check) {
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        if (isSecurity(m)) {
            tags.add("security");
        }
        tags.add(m.category().id());
        tags.add(check);
        return tags.stream().limit(MAX_TAGS_PER_RULE).toList();
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
