package dev.lastmile.check.secrets.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;

/**
 * JSON through Jackson's streaming parser, which gives every token its line. Besides plain keys, recognises
 * service-account keys ({@code "type": "service_account"} with a {@code private_key}, in any order), {@code
 * {"name": ..., "value": ...}} pairs (ECS task definitions, Airflow variables), CloudFormation parameters' {@code
 * Default}, and {@code "KEY=value"} strings in arrays. Comments and trailing commas are accepted (VS Code style
 * {@code .jsonc}, devcontainer files).
 */
public final class JsonExtractor implements Extractor {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                    .maxStringLength(50_000_000).build())
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "json", "jsonc", "json5", "tfstate", "tfstate.backup", "template");
    }

    @Override
    public Extraction extract(String text) {
        return extract(text, 0);
    }

    /** @param lineOffset added to every line (for JSON embedded in another file's value) */
    public Extraction extract(String text, int lineOffset) {
        List<Entry> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            walk(p, out, lineOffset);
            return Extraction.of(out);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? Math.max(1, e.getLocation().getLineNr()) + lineOffset : 1;
            return Extraction.failed("not valid JSON: " + e.getOriginalMessage(), line,
                    merge(out, KeyValueLines.extract(text, true), lineOffset));
        } catch (IOException | RuntimeException e) {
            return Extraction.failed("not valid JSON: " + e.getClass().getSimpleName(), 1,
                    merge(out, KeyValueLines.extract(text, true), lineOffset));
        }
    }

    private static List<Entry> merge(List<Entry> parsed, List<Entry> lines, int offset) {
        List<Entry> all = new ArrayList<>(parsed);
        for (Entry e : lines) {
            all.add(new Entry(stripQuotes(e.key()), stripQuotes(e.value().replaceAll(",$", "")), e.line() + offset,
                    e.endLine() + offset, e.kind()));
        }
        return all;
    }

    private static String stripQuotes(String s) {
        return Unquote.value(s);
    }

    /** Per-object state: the fields that decide the object's shape, whatever their order. */
    private static final class Frame {
        final String key;
        final boolean array;
        String type;
        Entry privateKey;
        Entry name;
        Entry value;
        Entry defaultValue;
        boolean cfnParameter;

        Frame(String key, boolean array) {
            this.key = key;
            this.array = array;
        }
    }

    private static void walk(JsonParser p, List<Entry> out, int offset) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        String field = null;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            int line = p.currentTokenLocation().getLineNr() + offset;
            switch (t) {
                case FIELD_NAME -> field = p.currentName();
                case START_OBJECT, START_ARRAY -> {
                    String key = field != null ? field : stack.isEmpty() ? "" : stack.peek().key;
                    stack.push(new Frame(key, t == JsonToken.START_ARRAY));
                    field = null;
                }
                case END_OBJECT, END_ARRAY -> {
                    Frame f = stack.isEmpty() ? null : stack.pop();
                    if (f != null && !f.array) {
                        finish(f, stack.isEmpty() ? "" : f.key, out);
                    }
                    field = null;
                }
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    String text = p.getText();
                    Frame top = stack.peek();
                    if (top != null && top.array) {
                        Matcher m = YamlExtractor.ASSIGNMENT.matcher(text);
                        out.add(m.matches() ? Entry.of(m.group(1), m.group(2), line) : Entry.of(top.key, text, line));
                    } else if (field != null) {
                        Entry e = Entry.of(field, text, line);
                        out.add(e);
                        if (top != null) {
                            note(top, field, e);
                        }
                    }
                    field = null;
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    Frame top = stack.peek();
                    if (top != null && !top.array && field != null) {
                        note(top, field, Entry.of(field, p.getText(), line)); // "NoEcho": true
                    }
                    field = null;
                }
                default -> field = null;
            }
        }
    }

    private static void note(Frame f, String field, Entry e) {
        switch (field) {
            case "type" -> f.type = e.value();
            case "private_key" -> f.privateKey = e;
            case "name", "Name", "key", "Key" -> f.name = f.name == null ? e : f.name;
            case "value", "Value" -> f.value = e;
            case "Default" -> f.defaultValue = e;
            case "NoEcho", "Type" -> f.cfnParameter = true;
            default -> {
            }
        }
    }

    private static void finish(Frame f, String key, List<Entry> out) {
        if ("service_account".equals(f.type) && f.privateKey != null && f.privateKey.value().contains("PRIVATE KEY")) {
            out.add(new Entry("private_key", f.privateKey.value(), f.privateKey.line(), f.privateKey.line(),
                    Entry.Kind.SERVICE_ACCOUNT));
        }
        if (f.name != null && f.value != null) {
            out.add(new Entry(f.name.value(), f.value.value(), f.value.line(), f.value.line(), Entry.Kind.KEY_VALUE));
        }
        if (f.defaultValue != null && f.cfnParameter && !key.isEmpty()) {
            out.add(new Entry(key, f.defaultValue.value(), f.defaultValue.line(), f.defaultValue.line(),
                    Entry.Kind.KEY_VALUE));
        }
    }
}
