package dev.lastmile.functions.common;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the payloads of the repository's root {@code events/} folder (the ones {@code sam local invoke -e} uses), so
 * the handler tests and the local runs feed the same events. A tiny loader instead of the Lambda runtime's
 * serialiser: it maps the documented field names onto the events library's classes.
 */
public final class Events {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Events() {
    }

    /** The root {@code events/} folder, found from the module's working directory upwards. */
    public static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("events");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    public static JsonNode json(String name) {
        try {
            return MAPPER.readTree(Files.readString(folder().resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SQSEvent sqs(String name) {
        return sqs(json(name));
    }

    public static SQSEvent sqs(JsonNode root) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            messages.add(message(r.path("messageId").asText(), r.path("body").asText(),
                    r.path("attributes").path("ApproximateReceiveCount").asText("1"), r.path("eventSourceARN").asText()));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** One SQS message as Lambda hands it over. */
    public static SQSEvent.SQSMessage message(String id, String body, String receiveCount, String sourceArn) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setEventSource("aws:sqs");
        m.setEventSourceArn(sourceArn);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ApproximateReceiveCount", receiveCount);
        m.setAttributes(attributes);
        return m;
    }

    /** An API Gateway HTTP API (payload v2) or function URL request, as the webhook receives it. */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent apiGateway(String name) {
        JsonNode root = json(name);
        Map<String, String> headers = new LinkedHashMap<>();
        root.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                .withVersion(root.path("version").asText())
                .withRawPath(root.path("rawPath").asText())
                .withHeaders(headers)
                .withBody(root.path("body").asText())
                .withIsBase64Encoded(root.path("isBase64Encoded").asBoolean())
                .build();
    }

    public static SQSEvent of(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }
}
