package dev.lastmile.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.store.AuditRecord;
import dev.lastmile.core.store.AuditTrail;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The audit trail exported as evidence ({@code lastmile audit}): every record whole as JSON, or one CSV row per record
 * for a spreadsheet or an auditor's tool. Records come out oldest first; records that could not be read are named
 * (JSON {@code unreadable}), never dropped silently.
 */
public final class AuditExport {

    /** The value of the JSON export's {@code schema} key. */
    public static final String SCHEMA = "lastmile/audit-export/v1";

    /** The CSV header, one column per fact an auditor asks for. */
    public static final List<String> CSV_COLUMNS = List.of("at", "repository", "pull_request", "event", "event_id",
            "head", "base", "ai_authored", "ai_commits", "evidence", "policy_source", "policy_hash", "gate", "checks",
            "findings", "open_findings", "ai_findings", "suppressions", "suppression_reasons", "approvals_required",
            "approvals_given", "approved_by", "merge_commit", "merged_at");

    private AuditExport() {
    }

    public static String json(String repository, AuditTrail.Result result, Instant exportedAt) {
        ObjectNode doc = Json.object();
        doc.put("schema", SCHEMA);
        doc.put("repository", repository);
        doc.put("exportedAt", exportedAt.toString());
        doc.put("records", result.records().size());
        ArrayNode records = doc.putArray("auditRecords");
        result.records().forEach(r -> records.add(r.tree()));
        ArrayNode unreadable = doc.putArray("unreadable");
        result.unreadable().forEach(unreadable::add);
        return Json.pretty(doc);
    }

    public static String csv(AuditTrail.Result result) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (AuditRecord r : result.records()) {
            List<CommitProvenance> ai = r.provenance().commits().stream().filter(CommitProvenance::ai).toList();
            String evidence = ai.stream().flatMap(c -> c.evidence().stream())
                    .map(e -> e.kind().id() + (e.tool().isEmpty() ? "" : ":" + e.tool()))
                    .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining("; "));
            String checks = r.checks().stream().map(c -> c.check() + "=" + c.conclusion()).collect(Collectors.joining("; "));
            long open = r.findings().stream().filter(f -> !f.status().equals("suppressed")).count();
            long aiFindings = r.findings().stream().filter(f -> f.authoredBy() != dev.lastmile.core.provenance.AuthoredBy.HUMAN
                    && f.authoredBy() != dev.lastmile.core.provenance.AuthoredBy.UNKNOWN).count();
            String reasons = r.suppressions().stream().map(s -> s.ruleId() + " " + s.path() + ":" + s.line() + " "
                    + (s.author() == null ? "" : "(" + s.author() + ") ") + s.reason()).collect(Collectors.joining("; "));
            String approvers = r.approvals().given().stream().map(AuditRecord.Approval::login).collect(Collectors.joining("; "));
            // the free-text columns come from the record's JSON, which is redacted on the way out
            var tree = r.tree();
            b.append(String.join(",", ReportFiles.csv(r.at().toString()), ReportFiles.csv(r.repository()),
                    String.valueOf(r.pullRequest()), ReportFiles.csv(r.event().id()), ReportFiles.csv(r.eventId()),
                    ReportFiles.csv(r.head()), ReportFiles.csv(r.base()), String.valueOf(r.provenance().aiAuthored()),
                    String.valueOf(ai.size()), ReportFiles.csv(evidence), ReportFiles.csv(r.policySource()),
                    ReportFiles.csv(r.policyHash()), ReportFiles.csv(tree.path("gate").asText("")), ReportFiles.csv(checks),
                    String.valueOf(r.findings().size()), String.valueOf(open), String.valueOf(aiFindings),
                    String.valueOf(r.suppressions().size()),
                    ReportFiles.csv(dev.lastmile.core.util.Redactor.redactPatterns(reasons)),
                    String.valueOf(r.approvals().required()), String.valueOf(r.approvals().given().size()),
                    ReportFiles.csv(approvers), ReportFiles.csv(r.merge() == null ? "" : r.merge().commit()),
                    ReportFiles.csv(r.merge() == null || r.merge().mergedAt() == null ? "" : r.merge().mergedAt().toString())))
                    .append("\r\n");
        }
        return b.toString();
    }
}
