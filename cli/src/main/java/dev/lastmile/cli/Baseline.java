package dev.lastmile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.ScanMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings a repository already had when it adopted lastmile, by fingerprint ({@code lastmile baseline} writes
 * it; {@code lastmile scan --baseline FILE} reads it). Fingerprints hash the rule, the path and what the finding is
 * about, never the line number, so a baselined finding stays baselined when lines move around it.
 *
 * <p>In a pull-request scan a baselined finding becomes {@code existing} (it never fails the change, even on a line
 * the change touched). A full scan has no "new": every unsuppressed finding counts, so there a baselined finding is
 * {@code suppressed} with the reason "accepted in the baseline FILE", visible and auditable in JSON and SARIF.
 */
record Baseline(Path file, Set<String> fingerprints) {

    static final String DEFAULT_FILE = ".lastmile-baseline.json";

    static Baseline read(Path file) {
        JsonNode doc;
        try {
            doc = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UsageException("--baseline " + file + ": no such file (write one with 'lastmile baseline')");
        } catch (IOException e) {
            throw new UsageException("--baseline " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UsageException("--baseline " + file + ": not a lastmile baseline (" + Main.oneLine(e.getMessage()) + ")");
        }
        if (doc.path("version").asInt() != 1 || !doc.path("findings").isArray()) {
            throw new UsageException("--baseline " + file + ": not a lastmile baseline (want version 1 and a findings list)");
        }
        Set<String> fps = new LinkedHashSet<>();
        for (JsonNode f : doc.path("findings")) {
            String fp = f.path("fingerprint").asText("");
            if (!fp.isEmpty()) {
                fps.add(fp);
            }
        }
        return new Baseline(file, fps);
    }

    /** The baseline document of a scan: every unsuppressed finding's fingerprint, rule and path, sorted. */
    static String document(ScanResult result) {
        ObjectNode root = Json.object();
        root.put("version", 1);
        root.put("tool", Version.TOOL_NAME + " " + Version.current());
        root.put("repository", result.repository());
        root.put("head", result.head());
        ArrayNode list = root.putArray("findings");
        result.findings().stream()
                .filter(f -> f.status() != FindingStatus.SUPPRESSED && f.fingerprint() != null)
                .sorted(java.util.Comparator.comparing(Finding::path).thenComparing(Finding::ruleId)
                        .thenComparing(Finding::fingerprint))
                .forEach(f -> list.addObject().put("fingerprint", f.fingerprint()).put("ruleId", f.ruleId())
                        .put("path", f.path()));
        return Json.pretty(root);
    }

    /** The result with this baseline's findings marked as existing (or, in a full scan, as accepted). */
    ScanResult apply(ScanResult result) {
        List<CheckRun> runs = new ArrayList<>();
        for (CheckRun run : result.runs()) {
            List<Finding> findings = new ArrayList<>();
            for (Finding f : run.findings()) {
                if (f.status() == FindingStatus.SUPPRESSED || f.fingerprint() == null || !fingerprints.contains(f.fingerprint())) {
                    findings.add(f);
                } else if (result.mode() == ScanMode.FULL) {
                    findings.add(f.withStatus(FindingStatus.SUPPRESSED)
                            .withProperty("suppressionReason", "accepted in the baseline " + file.getFileName())
                            .withProperty("baseline", "true"));
                } else {
                    findings.add(f.withStatus(FindingStatus.EXISTING).withProperty("baseline", "true"));
                }
            }
            runs.add(new CheckRun(run.check(), run.checkRunName(), run.rules(), findings, run.filesScanned(),
                    run.incomplete(), run.startedAt(), run.durationMs()));
        }
        return new ScanResult(result.repository(), result.base(), result.head(), result.mode(), result.pullRequest(),
                result.policy(), result.policyChanged(), runs, result.toolVersion());
    }
}
