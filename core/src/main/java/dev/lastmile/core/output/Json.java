package dev.lastmile.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.Severity;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one Jackson mapper and the JSON shape of a finding, shared by the report, the store and the functions. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Single-line output, for JSON Lines and queue messages. */
    public static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The documented finding shape: ruleId, category, severity, status, path, line, endLine, message, fingerprint,
     * check, authoredBy ({@code ai|human|mixed|unknown}); a finding judged by {@code provenance.ai}'s stricter
     * threshold has {@code aiFailOn} and {@code aiGate} among its properties.
     */
    public static ObjectNode finding(Finding f) {
        ObjectNode n = object();
        n.put("ruleId", f.ruleId());
        n.put("category", f.category().id());
        n.put("severity", f.severity().id());
        n.put("status", f.status() == null ? FindingStatus.NEW.id() : f.status().id());
        n.put("path", f.path());
        n.put("line", f.region().startLine());
        n.put("endLine", f.region().endLine());
        if (f.region().startColumn() > 0) {
            n.put("column", f.region().startColumn());
            n.put("endColumn", f.region().endColumn());
        }
        n.put("title", f.title());
        n.put("message", f.message());
        n.put("remediation", f.remediation());
        n.put("fingerprint", f.fingerprint());
        n.put("check", f.check());
        n.put("authoredBy", f.authoredBy().id());
        Map<String, String> rest = new LinkedHashMap<>(f.properties());
        rest.remove(Finding.AUTHORED_BY);
        if (!rest.isEmpty()) {
            ObjectNode p = n.putObject("properties");
            rest.forEach(p::put);
        }
        return n;
    }

    public static Finding finding(JsonNode n) {
        Map<String, String> props = new LinkedHashMap<>();
        n.path("properties").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
        if (n.path("authoredBy").isTextual()) {
            props.put(Finding.AUTHORED_BY, n.path("authoredBy").asText());
        }
        Region region = new Region(n.path("line").asInt(1), n.path("column").asInt(0),
                n.path("endLine").asInt(n.path("line").asInt(1)), n.path("endColumn").asInt(0));
        return new Finding(n.path("ruleId").asText(), Category.parse(n.path("category").asText()),
                Severity.parse(n.path("severity").asText()), n.path("title").asText(""), n.path("message").asText(""),
                n.path("path").asText(), region, n.path("remediation").asText(""), n.path("check").asText(""),
                FindingStatus.parse(n.path("status").asText("new")), n.path("fingerprint").asText(null), null, props);
    }
}
