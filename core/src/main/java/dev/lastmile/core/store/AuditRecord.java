package dev.lastmile.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.Version;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.provenance.AuthoredBy;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Evidence;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.util.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One pull-request event as evidence ({@code audit/{owner}/{repo}/pr-{n}/{at}-{event}-{eventId}.json}): what was
 * checked, under which policy, what was found and silenced and by whom, who approved, and what was merged. Records
 * are appended, never rewritten ({@link AuditTrail}); {@link #toJson()} is the only writer and {@link #parse(byte[])}
 * the only reader. Free text (suppression reasons, evidence details) passes through the {@link Redactor}'s patterns
 * on the way out, like every other output; paths, rule ids, fingerprints and commit ids are identities and stay.
 *
 * @param repository  {@code owner/name}
 * @param pullRequest the pull request's number
 * @param event       what happened
 * @param eventId     what makes the event unique (a job id, a delivery id); part of the key
 * @param at          when lastmile recorded it
 * @param head        head commit
 * @param base        base commit, or null when unknown
 * @param provenance  the change's AI provenance ({@link Provenance#unknown()} when not detected)
 * @param policyHash  SHA-256 of the base's policy file as read ({@link #policyHash(String)}), or null for defaults
 * @param policySource the policy's file name, or {@code (defaults)}
 * @param gate        the gate that applied, in words, or null
 * @param checks      the checks run for the head, with their conclusions
 * @param findings    every finding of those runs
 * @param suppressions the findings silenced inline, with reasons and authors
 * @param approvals   approving reviews by people other than the author, and how many the policy requires
 * @param merge       the merge, on a {@link Event#MERGED} record, else null
 */
public record AuditRecord(String repository, int pullRequest, Event event, String eventId, Instant at, String head,
                          String base, Provenance provenance, String policyHash, String policySource, String gate,
                          List<CheckEntry> checks, List<FindingEntry> findings, List<SuppressionEntry> suppressions,
                          Approvals approvals, Merge merge) {

    /** The value of the record's {@code schema} key. */
    public static final String SCHEMA = "lastmile/audit/v1";
    /** The finding property the provenance work sets to {@link AuthoredBy#id()} (see docs/provenance.md). */
    public static final String AUTHORED_BY = "authoredBy";
    /** The finding property naming who wrote a suppression's marker line in the change ({@code ai}, {@code human}). */
    public static final String SUPPRESSION_AUTHOR = dev.lastmile.core.engine.ScanEngine.SUPPRESSION_AUTHOR;

    public AuditRecord {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        eventId = Objects.requireNonNullElse(eventId, "");
        provenance = provenance == null ? Provenance.unknown() : provenance;
        checks = checks == null ? List.of() : List.copyOf(checks);
        findings = findings == null ? List.of() : List.copyOf(findings);
        suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
        approvals = approvals == null ? Approvals.NONE : approvals;
    }

    /** What happened to the pull request. */
    public enum Event {
        /** Every check of a head has reported (the reporter). */
        CHECKS_COMPLETED,
        /** A review was submitted or dismissed and the gate evaluated again (the reporter). */
        REVIEW,
        /** The pull request was merged (the webhook). */
        MERGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Event fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** One check run of the head: its family, job, conclusion, threshold and counts. */
    public record CheckEntry(String check, String jobId, String conclusion, String failOn, int findings, int failing,
                             boolean incomplete) {
    }

    /** One finding as evidence: identity, rule, severity, status and who wrote its lines. */
    public record FindingEntry(String fingerprint, String ruleId, String severity, String status, String check,
                               String path, int line, AuthoredBy authoredBy) {
        public FindingEntry {
            authoredBy = authoredBy == null ? AuthoredBy.UNKNOWN : authoredBy;
        }
    }

    /** A finding silenced inline: its reason, and who wrote the suppression when known (else null). */
    public record SuppressionEntry(String fingerprint, String ruleId, String path, int line, String reason,
                                   String author) {
    }

    /** One approving review. */
    public record Approval(String login, Instant submittedAt) {
    }

    /**
     * Approvals counted for the gate.
     *
     * @param required what the policy requires ({@code provenance.ai.require_human_approvals}); 0 when nothing is
     * @param given    approving reviews by people other than the author (bots never count)
     */
    public record Approvals(int required, List<Approval> given) {
        public static final Approvals NONE = new Approvals(0, List.of());

        public Approvals {
            given = given == null ? List.of() : List.copyOf(given);
        }

        public boolean satisfied() {
            return given.size() >= required;
        }
    }

    /** The merge: the merge commit and when, and the branch it went to. */
    public record Merge(String commit, Instant mergedAt, String into) {
    }

    /** SHA-256 (hex) of a policy file's text: which policy judged the change, without storing the policy. */
    public static String policyHash(String policyText) {
        return dev.lastmile.core.policy.Policy.hashOf(policyText);
    }

    /**
     * The finding and suppression entries of a set of findings. {@code authoredBy} says who wrote each finding's
     * lines; {@link #authoredByProperty} reads it from the finding's {@value #AUTHORED_BY} property.
     */
    public static List<FindingEntry> findingEntries(List<Finding> findings, Function<Finding, AuthoredBy> authoredBy) {
        return findings.stream().map(f -> new FindingEntry(f.fingerprint(), f.ruleId(), f.severity().id(),
                (f.status() == null ? FindingStatus.NEW : f.status()).id(), f.check(), f.path(), f.line(),
                authoredBy.apply(f))).toList();
    }

    public static List<SuppressionEntry> suppressionEntries(List<Finding> findings) {
        return findings.stream().filter(f -> f.status() == FindingStatus.SUPPRESSED)
                .map(f -> new SuppressionEntry(f.fingerprint(), f.ruleId(), f.path(), f.line(),
                        f.properties().getOrDefault("suppressionReason", ""), f.properties().get(SUPPRESSION_AUTHOR)))
                .toList();
    }

    /** Who wrote a finding's lines as its {@value #AUTHORED_BY} property says; {@code unknown} without one. */
    public static AuthoredBy authoredByProperty(Finding f) {
        String v = f.properties().get(AUTHORED_BY);
        try {
            return v == null ? AuthoredBy.UNKNOWN : AuthoredBy.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return AuthoredBy.UNKNOWN;
        }
    }

    /** The store key this record is appended under. */
    public String key() {
        return StoreKeys.auditRecord(repository, pullRequest, at, event.id() + "-" + eventId);
    }

    /** The record as stored: pretty-printed JSON, UTF-8. */
    public byte[] toJson() {
        return Json.pretty(tree()).getBytes(StandardCharsets.UTF_8);
    }

    /** The record as a JSON tree (also the shape of {@code lastmile audit --format json}). */
    public ObjectNode tree() {
        ObjectNode doc = Json.object();
        doc.put("schema", SCHEMA);
        doc.putObject("tool").put("name", Version.TOOL_NAME).put("version", Version.current());
        doc.put("repository", repository);
        doc.put("pullRequest", pullRequest);
        doc.put("event", event.id());
        doc.put("eventId", eventId);
        doc.put("at", at.toString());
        doc.put("head", head);
        doc.put("base", base);
        ObjectNode prov = doc.putObject("provenance");
        prov.put("aiAuthored", provenance.aiAuthored());
        ArrayNode commits = prov.putArray("commits");
        for (CommitProvenance c : provenance.commits()) {
            ObjectNode cn = commits.addObject().put("sha", c.sha()).put("ai", c.ai());
            ArrayNode ev = cn.putArray("evidence");
            for (Evidence e : c.evidence()) {
                ev.addObject().put("kind", e.kind().id()).put("tool", e.tool())
                        .put("detail", Redactor.redactPatterns(e.detail()));
            }
        }
        doc.put("policySource", policySource);
        doc.put("policyHash", policyHash);
        doc.put("gate", gate == null ? null : Redactor.redactPatterns(gate));
        ArrayNode cs = doc.putArray("checks");
        for (CheckEntry c : checks) {
            cs.addObject().put("check", c.check()).put("jobId", c.jobId()).put("conclusion", c.conclusion())
                    .put("failOn", c.failOn()).put("findings", c.findings()).put("failing", c.failing())
                    .put("incomplete", c.incomplete());
        }
        ArrayNode fs = doc.putArray("findings");
        for (FindingEntry f : findings) {
            fs.addObject().put("fingerprint", f.fingerprint()).put("ruleId", f.ruleId()).put("severity", f.severity())
                    .put("status", f.status()).put("check", f.check()).put("path", f.path()).put("line", f.line())
                    .put("authoredBy", f.authoredBy().id());
        }
        ArrayNode ss = doc.putArray("suppressions");
        for (SuppressionEntry s : suppressions) {
            ss.addObject().put("fingerprint", s.fingerprint()).put("ruleId", s.ruleId()).put("path", s.path())
                    .put("line", s.line()).put("reason", Redactor.redactPatterns(s.reason())).put("author", s.author());
        }
        ObjectNode ap = doc.putObject("approvals");
        ap.put("required", approvals.required());
        ap.put("satisfied", approvals.satisfied());
        ArrayNode given = ap.putArray("given");
        approvals.given().forEach(a -> given.addObject().put("login", a.login())
                .put("submittedAt", a.submittedAt() == null ? null : a.submittedAt().toString()));
        if (merge != null) {
            doc.putObject("merge").put("commit", merge.commit())
                    .put("mergedAt", merge.mergedAt() == null ? null : merge.mergedAt().toString()).put("into", merge.into());
        } else {
            doc.putNull("merge");
        }
        return doc;
    }

    /**
     * Reads a stored record.
     *
     * @throws IllegalArgumentException when the bytes are not an audit record
     */
    public static AuditRecord parse(byte[] json) {
        JsonNode doc = Json.parse(new String(json, StandardCharsets.UTF_8));
        if (!doc.isObject() || !SCHEMA.equals(doc.path("schema").asText(""))) {
            throw new IllegalArgumentException("not a " + SCHEMA + " record (schema '" + doc.path("schema").asText("") + "')");
        }
        List<CommitProvenance> commits = new ArrayList<>();
        for (JsonNode c : doc.path("provenance").path("commits")) {
            List<Evidence> ev = new ArrayList<>();
            for (JsonNode e : c.path("evidence")) {
                try {
                    ev.add(new Evidence(Evidence.Kind.fromId(e.path("kind").asText()), e.path("tool").asText(""),
                            e.path("detail").asText("")));
                } catch (IllegalArgumentException unknownKind) {
                    // a kind a later build added: the commit's verdict still stands
                }
            }
            commits.add(new CommitProvenance(c.path("sha").asText(""), c.path("ai").asBoolean(false), ev));
        }
        Provenance provenance = new Provenance(doc.path("provenance").path("aiAuthored").asBoolean(false), commits);
        List<CheckEntry> checks = new ArrayList<>();
        for (JsonNode c : doc.path("checks")) {
            checks.add(new CheckEntry(c.path("check").asText(""), text(c.path("jobId")), c.path("conclusion").asText(""),
                    text(c.path("failOn")), c.path("findings").asInt(), c.path("failing").asInt(),
                    c.path("incomplete").asBoolean(false)));
        }
        List<FindingEntry> findings = new ArrayList<>();
        for (JsonNode f : doc.path("findings")) {
            AuthoredBy by;
            try {
                by = AuthoredBy.valueOf(f.path("authoredBy").asText("unknown").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                by = AuthoredBy.UNKNOWN;
            }
            findings.add(new FindingEntry(text(f.path("fingerprint")), f.path("ruleId").asText(""),
                    f.path("severity").asText(""), f.path("status").asText(""), f.path("check").asText(""),
                    f.path("path").asText(""), f.path("line").asInt(), by));
        }
        List<SuppressionEntry> suppressions = new ArrayList<>();
        for (JsonNode s : doc.path("suppressions")) {
            suppressions.add(new SuppressionEntry(text(s.path("fingerprint")), s.path("ruleId").asText(""),
                    s.path("path").asText(""), s.path("line").asInt(), s.path("reason").asText(""), text(s.path("author"))));
        }
        List<Approval> given = new ArrayList<>();
        for (JsonNode a : doc.path("approvals").path("given")) {
            given.add(new Approval(a.path("login").asText(""), instant(a.path("submittedAt"))));
        }
        JsonNode m = doc.path("merge");
        Merge merge = m.isObject() ? new Merge(text(m.path("commit")), instant(m.path("mergedAt")), text(m.path("into"))) : null;
        Instant at = instant(doc.path("at"));
        if (at == null) {
            throw new IllegalArgumentException("audit record without a valid 'at'");
        }
        Event event;
        try {
            event = Event.fromId(doc.path("event").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audit record with an unknown event '" + doc.path("event").asText("") + "'");
        }
        return new AuditRecord(doc.path("repository").asText(""), doc.path("pullRequest").asInt(), event,
                doc.path("eventId").asText(""), at, text(doc.path("head")), text(doc.path("base")), provenance,
                text(doc.path("policyHash")), text(doc.path("policySource")), text(doc.path("gate")), checks, findings,
                suppressions, new Approvals(doc.path("approvals").path("required").asInt(0), given), merge);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
