package dev.lastmile.functions.webhook;

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

    public WebhookResponse {
        queued = queued == null ? List.of() : List.copyOf(queued);
    }

    static WebhookResponse of(int status, String reason) {
        return new WebhookResponse(status, reason, null, List.of());
    }

    String json() {
        StringBuilder b = new StringBuilder("{\"status\":").append(status).append(",\"reason\":\"")
                .append(reason.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        if (jobId != null) {
            b.append(",\"jobId\":\"").append(jobId).append('"');
        }
        if (!queued.isEmpty()) {
            b.append(",\"queued\":[");
            for (int i = 0; i < queued.size(); i++) {
                b.append(i == 0 ? "" : ",").append('"').append(queued.get(i)).append('"');
            }
            b.append(']');
        }
        return b.append('}').toString();
    }
}
