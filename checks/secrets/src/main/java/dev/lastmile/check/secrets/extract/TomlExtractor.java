package dev.lastmile.check.secrets.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * TOML ({@code pyproject.toml}, {@code .streamlit/secrets.toml}, {@code ~/.dlt/secrets.toml}, Databricks and
 * Snowflake CLI {@code config.toml}) through jackson-dataformat-toml, which understands tables, dotted keys, inline
 * tables and multi-line strings. The tree carries no lines, so each value is placed on the first line, after the
 * previous value's, that holds its key and the start of its text.
 */
public final class TomlExtractor implements Extractor {

    private static final TomlMapper MAPPER = new TomlMapper();

    @Override
    public String name() {
        return "toml";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "toml");
    }

    @Override
    public Extraction extract(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (Exception | StackOverflowError e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return Extraction.failed("not valid TOML: " + msg, lineOf(msg), KeyValueLines.extract(text, false));
        }
        List<Entry> out = new ArrayList<>();
        Locator locator = new Locator(Texts.lines(text));
        walk(root, "", out, locator, 0);
        return Extraction.of(out);
    }

    private static int lineOf(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line:? (\\d+)").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static void walk(JsonNode node, String key, List<Entry> out, Locator locator, int depth) {
        if (node == null || depth > 100) {
            return;
        }
        if (node.isObject()) {
            if ("service_account".equals(node.path("type").asText(null)) && node.path("private_key").isTextual()
                    && node.path("private_key").asText().contains("PRIVATE KEY")) {
                String pk = node.path("private_key").asText();
                int line = locator.find("private_key", pk);
                out.add(new Entry("private_key", pk, line, line, Entry.Kind.SERVICE_ACCOUNT));
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), e.getKey(), out, locator, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                walk(item, key, out, locator, depth + 1);
            }
        } else if (node.isValueNode()) {
            String value = node.asText();
            int line = locator.find(key, value);
            out.add(Entry.of(key, value, line));
        }
    }

    /** Finds lines for values in file order. */
    private static final class Locator {
        private final List<String> lines;
        private int from;

        Locator(List<String> lines) {
            this.lines = lines;
        }

        int find(String key, String value) {
            String start = value.lines().findFirst().orElse("").strip();
            start = start.substring(0, Math.min(start.length(), 16));
            int hit = search(key, start, from);
            if (hit < 0) {
                hit = search(key, start, 0);
            }
            if (hit < 0) {
                hit = search(null, start, 0);
            }
            if (hit < 0) {
                hit = search(key, "", 0);
            }
            if (hit < 0) {
                return 1;
            }
            from = hit;
            return hit + 1;
        }

        private int search(String key, String start, int fromIndex) {
            for (int i = fromIndex; i < lines.size(); i++) {
                String l = lines.get(i);
                if ((key == null || l.contains(key)) && l.contains(start)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
