package dev.lastmile.functions.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the webhook answers: the status and a short JSON reason (never a stack trace, never a secret).
 *
 * @param status HTTP status
 * @param reason why, in a few words
 * @param jobId  the scan job queued, if any
 * @param queued the check families it went to
 */
public record WebhookResponse(int status, String reason, String jobId, List<String> queued) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public WebhookResponse {
        queued = queued == null ? List.of() : List.copyOf(queued);
    }

    static WebhookResponse of(int status, String reason) {
        return new WebhookResponse(status, reason, null, List.of());
    }

    /** The body: built by Jackson, so a reason quoting a header or payload value stays valid JSON. */
    String json() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", status);
        n.put("reason", reason);
        if (jobId != null) {
            n.put("jobId", jobId);
        }
        if (!queued.isEmpty()) {
            ArrayNode q = n.putArray("queued");
            queued.forEach(q::add);
        }
        return n.toString();
    }
}
