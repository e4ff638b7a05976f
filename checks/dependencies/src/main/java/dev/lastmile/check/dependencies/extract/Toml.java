package dev.lastmile.check.dependencies.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import java.util.ArrayList;
import java.util.List;

/** Tree parsers for the structured formats, turning every parse failure into a {@link MalformedManifestException}. */
public final class Toml {

    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Toml() {
    }

    public static JsonNode parseToml(String text, String format) throws MalformedManifestException {
        return parse(TOML, text, format);
    }

    public static JsonNode parseJson(String text, String format) throws MalformedManifestException {
        return parse(JSON, text, format);
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String format) throws MalformedManifestException {
        if (text.isBlank()) {
            throw new MalformedManifestException(1, "empty file, not valid " + format);
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw new MalformedManifestException(1, "not a " + format + " document of keys and values");
            }
            return node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new MalformedManifestException(line, "not valid " + format + ": " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // the TOML parser signals some malformed input with unchecked exceptions; deep nesting can overflow
            throw new MalformedManifestException(1, "not valid " + format + ": " + e.getClass().getSimpleName());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }

    /** A {@code [[package]]} of a TOML lockfile with its name and the line that declares it. */
    public record LockedPackage(JsonNode node, String name, int line) {
    }

    /**
     * Every named {@code [[package]]} of a TOML lockfile ({@code poetry.lock}, {@code uv.lock}) in file order, each with
     * the line of its {@code name = "..."}: the search goes on from the previous package, so it stays linear.
     */
    public static List<LockedPackage> lockedPackages(String text) throws MalformedManifestException {
        JsonNode root = parseToml(text, "TOML");
        TextLines lines = new TextLines(text);
        List<LockedPackage> out = new ArrayList<>();
        int cursor = 1;
        for (JsonNode p : root.path("package")) {
            String name = text(p, "name");
            if (name == null) {
                continue;
            }
            cursor = lines.findAll(cursor, cursor, "name", "\"" + name + "\"");
            out.add(new LockedPackage(p, name, cursor));
        }
        return out;
    }

    /** Text of a node, or null when absent or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
