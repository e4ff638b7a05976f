package dev.lastmile.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.engine.SkippedCheck;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.ProvenanceJson;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.provenance.AiGate;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.scan.ScanMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stored run of one check in one job ({@code runs/{owner}/{repo}/{jobId}/{check}.json}): the one type the check
 * functions and the CLI write ({@link FindingsStore#save}) and the reporter and the findings report read
 * ({@link FindingsStore#readRun}). {@link #toJson()} is its only writer and {@link #parse(byte[])} its only reader.
 *
 * <p>The JSON keeps the shape documented in ARCHITECTURE.md ({@code schema: lastmile/run/v1}); {@code counts} is
 * written for people and Athena and recomputed from the findings, never read back. The rules' metadata is not
 * stored (the SARIF beside the document carries it), so a document read back holds a {@link CheckRun} without rules.
 *
 * @param jobId         the job the run belongs to
 * @param repository    {@code owner/name}
 * @param base          base commit, null for a full scan
 * @param head          head commit
 * @param mode          pull request or full scan
 * @param pullRequest   the pull request's number, or null
 * @param toolVersion   lastmile's version that ran it
 * @param policySource  where the policy came from: a file name, or {@code (defaults)}
 * @param policyChanged whether the change edits the policy file
 * @param failOn        the policy's threshold
 * @param run           the check's run: findings (final statuses and fingerprints), files, incomplete notes, timing
 * @param notEnabled    why the check did not run because of the policy (its {@code checks:} leaves it out), or null
 *                      when it ran
 * @param provenance    who wrote the change (the scan's, the same in every check's document of a job)
 * @param aiGate        the policy's {@code provenance.ai} as it applied to the change; its {@code missingChecks} is
 *                      not stored (one document knows one check: ask {@link AiGate#missingChecks} over the job's)
 * @param policyHash    {@code sha256:<hex>} of the policy file's text ({@link Policy#sourceHash()}), null for defaults
 */
public record RunDocument(String jobId, String repository, String base, String head, ScanMode mode, Integer pullRequest,
                          String toolVersion, String policySource, boolean policyChanged, Severity failOn, CheckRun run,
                          String notEnabled, Provenance provenance, AiGate aiGate, String policyHash) {

    /** The value of the document's {@code schema} key. */
    public static final String SCHEMA = "lastmile/run/v1";

    public RunDocument {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(run, "run");
        provenance = provenance == null ? Provenance.unknown() : provenance;
        aiGate = aiGate == null ? AiGate.off() : aiGate;
    }

    /** A document without provenance (a document of an older build, a test). */
    public RunDocument(String jobId, String repository, String base, String head, ScanMode mode, Integer pullRequest,
                       String toolVersion, String policySource, boolean policyChanged, Severity failOn, CheckRun run,
                       String notEnabled) {
        this(jobId, repository, base, head, mode, pullRequest, toolVersion, policySource, policyChanged, failOn, run,
                notEnabled, null, null, null);
    }

    /** The gate as one job's documents tell it: missing checks are a question over all of them, not stored. */
    private static AiGate stored(AiGate gate) {
        return new AiGate(gate.configured(), gate.applied(), gate.failOn(), gate.reasons(), gate.requiredChecks(),
                java.util.List.of(), gate.requiredHumanApprovals());
    }

    /** The document of one check run of a scan. */
    public static RunDocument of(String jobId, ScanResult result, CheckRun run) {
        return new RunDocument(jobId, result.repository(), result.base(), result.head(), result.mode(),
                result.pullRequest(), result.toolVersion(), result.policy().source(), result.policyChanged(),
                result.policy().failOn(), run, null, result.provenance(), stored(result.aiGate()),
                result.policy().sourceHash());
    }

    /** The document of a check the policy left out of a scan: no findings, and the reason. */
    public static RunDocument notEnabled(String jobId, ScanResult result, SkippedCheck skipped) {
        CheckRun empty = new CheckRun(skipped.check(), skipped.checkRunName(), List.of(), List.of(), 0, List.of(),
                skipped.at(), 0);
        return new RunDocument(jobId, result.repository(), result.base(), result.head(), result.mode(),
                result.pullRequest(), result.toolVersion(), result.policy().source(), result.policyChanged(),
                result.policy().failOn(), empty, skipped.reason(), result.provenance(), stored(result.aiGate()),
                result.policy().sourceHash());
    }

    public String check() {
        return run.check();
    }

    public Instant startedAt() {
        return run.startedAt();
    }

    public boolean isFull() {
        return mode == ScanMode.FULL;
    }

    /** Whether the policy left this check out (it did not run). */
    public boolean isNotEnabled() {
        return notEnabled != null;
    }

    /** Findings that fail the run under its own threshold: new ones in a pull request, every one in a full scan. */
    public List<Finding> failing() {
        return run.failing(failOn, isFull());
    }

    /** The document as stored: pretty-printed JSON, UTF-8. */
    public byte[] toJson() {
        return Json.pretty(tree()).getBytes(StandardCharsets.UTF_8);
    }

    /** The document as a JSON tree, in the documented key order. */
    public ObjectNode tree() {
        ObjectNode doc = Json.object();
        doc.put("schema", SCHEMA);
        ObjectNode tool = doc.putObject("tool");
        tool.put("name", Version.TOOL_NAME);
        tool.put("version", toolVersion);
        doc.put("jobId", jobId);
        doc.put("repository", repository);
        doc.put("base", base);
        doc.put("head", head);
        doc.put("mode", mode.id());
        if (pullRequest != null) {
            doc.put("pullRequest", pullRequest);
        } else {
            doc.putNull("pullRequest");
        }
        doc.put("check", run.check());
        doc.put("checkRunName", run.checkRunName());
        if (notEnabled != null) {
            doc.put("notEnabled", notEnabled);
        }
        doc.put("policySource", policySource);
        doc.put("policyChanged", policyChanged);
        if (policyHash != null) {
            doc.put("policyHash", policyHash);
        }
        doc.put("failOn", failOn.id());
        doc.set("provenance", ProvenanceJson.write(provenance, aiGate));
        doc.put("startedAt", run.startedAt().toString());
        doc.put("finishedAt", run.startedAt().plusMillis(run.durationMs()).toString());
        doc.put("durationMs", run.durationMs());
        doc.put("filesScanned", run.filesScanned());
        ArrayNode inc = doc.putArray("incomplete");
        run.incomplete().forEach(inc::add);
        doc.set("counts", JsonReport.summary(run.findings(), failing(), failOn));
        ArrayNode findings = doc.putArray("findings");
        run.findings().forEach(f -> findings.add(Json.finding(f)));
        return doc;
    }

    /**
     * Reads a stored document. Keys a document of an older build lacks take the values that build meant (threshold
     * {@code high}, a pull-request scan); a document of another schema, or not JSON, is refused.
     *
     * @throws IllegalArgumentException when the bytes are not a run document
     */
    public static RunDocument parse(byte[] json) {
        JsonNode doc = Json.parse(new String(json, StandardCharsets.UTF_8));
        if (!doc.isObject() || !SCHEMA.equals(doc.path("schema").asText(SCHEMA))) {
            throw new IllegalArgumentException("not a " + SCHEMA + " document (schema '" + doc.path("schema").asText("") + "')");
        }
        String check = doc.path("check").asText("");
        if (check.isEmpty()) {
            throw new IllegalArgumentException("run document without a check");
        }
        List<Finding> findings = new ArrayList<>();
        doc.path("findings").forEach(f -> findings.add(Json.finding(f)));
        List<String> incomplete = new ArrayList<>();
        doc.path("incomplete").forEach(i -> incomplete.add(i.asText()));
        CheckRun run = new CheckRun(check, doc.path("checkRunName").asText(
                dev.lastmile.core.scan.CheckFamily.checkRunNameOf(check)), List.of(), findings,
                doc.path("filesScanned").asInt(), incomplete, instant(doc.path("startedAt")), doc.path("durationMs").asLong());
        return new RunDocument(doc.path("jobId").asText(""), doc.path("repository").asText(""),
                text(doc.path("base")), text(doc.path("head")), ScanMode.parse(doc.path("mode").asText("pull-request")),
                doc.path("pullRequest").isInt() ? doc.path("pullRequest").asInt() : null,
                doc.path("tool").path("version").asText(""), doc.path("policySource").asText("(defaults)"),
                doc.path("policyChanged").asBoolean(false), Severity.parse(doc.path("failOn").asText("high")), run,
                text(doc.path("notEnabled")), ProvenanceJson.provenance(doc.path("provenance")),
                ProvenanceJson.gate(doc.path("provenance")), text(doc.path("policyHash")));
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
