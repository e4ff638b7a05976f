package dev.lastmile.aws.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.scan.ScanMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON codec of the queue messages. Written by hand over Jackson's tree model rather than data binding: no
 * reflection at cold start, and every field is validated with a message that says which one is wrong. Unknown fields
 * are ignored, so a newer producer does not break an older consumer.
 */
public final class Messages {

    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** SQS's limit for one message. */
    public static final int MAX_BYTES = 256 * 1024;

    private Messages() {
    }

    public static String toJson(ScanJob job) {
        return write(jobNode(job));
    }

    public static ScanJob scanJob(String json) {
        return job(parse(json), "");
    }

    public static String toJson(ReportRequest r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", VERSION);
        n.put("type", "report");
        n.set("job", jobNode(r.job()));
        n.put("check", r.check());
        n.put("checkRunName", r.checkRunName());
        if (r.runDocumentKey() != null) {
            n.put("runDocumentKey", r.runDocumentKey());
        }
        if (r.error() != null) {
            n.put("error", r.error());
        }
        return write(n);
    }

    public static ReportRequest reportRequest(String json) {
        JsonNode n = parse(json);
        JsonNode job = n.get("job");
        if (job == null || !job.isObject()) {
            throw new MalformedMessageException("report: job is required");
        }
        return new ReportRequest(job(job, "job."), text(n, "check", true), text(n, "checkRunName", false),
                text(n, "runDocumentKey", false), text(n, "error", false));
    }

    private static ObjectNode jobNode(ScanJob job) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", VERSION);
        n.put("type", "scan");
        n.put("jobId", job.jobId());
        n.put("repository", job.repository());
        if (job.installationId() != null) {
            n.put("installationId", job.installationId());
        }
        if (job.base() != null) {
            n.put("base", job.base());
        }
        n.put("head", job.head());
        if (job.pullRequest() != null) {
            n.put("pullRequest", job.pullRequest());
        }
        n.put("mode", job.mode().id());
        ArrayNode checks = n.putArray("checks");
        job.checks().forEach(checks::add);
        if (job.deliveryId() != null) {
            n.put("deliveryId", job.deliveryId());
        }
        n.put("createdAt", job.createdAt().toString());
        if (job.localPath() != null) {
            n.put("localPath", job.localPath());
        }
        if (job.draft() != ScanJob.Draft.NONE) {
            n.put("draft", job.draft() == ScanJob.Draft.SCAN_BY_DEFAULT ? "scan-by-default" : "skip-by-default");
        }
        return n;
    }

    private static ScanJob job(JsonNode n, String where) {
        JsonNode v = n.get("v");
        if (v != null && (!v.canConvertToInt() || v.asInt() > VERSION)) {
            throw new MalformedMessageException("scan job: unsupported message version " + v);
        }
        ScanMode mode;
        String modeText = text(n, "mode", true);
        try {
            mode = ScanMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("scan job: " + where + "mode must be pull-request or full, not '" + modeText + "'");
        }
        JsonNode checksNode = n.get("checks");
        if (checksNode == null || !checksNode.isArray()) {
            throw new MalformedMessageException("scan job: " + where + "checks must be a list");
        }
        List<String> checks = new ArrayList<>();
        checksNode.forEach(c -> checks.add(c.isTextual() ? c.asText() : null));
        Instant createdAt = null;
        String created = text(n, "createdAt", false);
        if (created != null) {
            try {
                createdAt = Instant.parse(created);
            } catch (DateTimeParseException e) {
                throw new MalformedMessageException("scan job: " + where + "createdAt is not an ISO-8601 instant");
            }
        }
        return new ScanJob(text(n, "jobId", true), text(n, "repository", true), number(n, "installationId"),
                text(n, "base", false), text(n, "head", true),
                number(n, "pullRequest") == null ? null : Math.toIntExact(number(n, "pullRequest")), mode, checks,
                text(n, "deliveryId", false), createdAt, text(n, "localPath", false), draft(text(n, "draft", false), where));
    }

    private static ScanJob.Draft draft(String text, String where) {
        if (text == null) {
            return ScanJob.Draft.NONE;
        }
        return switch (text) {
            case "scan-by-default" -> ScanJob.Draft.SCAN_BY_DEFAULT;
            case "skip-by-default" -> ScanJob.Draft.SKIP_BY_DEFAULT;
            default -> throw new MalformedMessageException("scan job: " + where + "draft must be scan-by-default or skip-by-default");
        };
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("empty message");
        }
        if (json.length() > MAX_BYTES) {
            throw new MalformedMessageException("message larger than " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new MalformedMessageException("message is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("message is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new MalformedMessageException("message: " + field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedMessageException("message: " + field + " must be a string");
        }
        return v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedMessageException("message: " + field + " must be an integer");
        }
        long value = v.asLong();
        if (field.equals("pullRequest") && (value <= 0 || value > Integer.MAX_VALUE)) {
            throw new MalformedMessageException("message: pullRequest out of range");
        }
        return value;
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
