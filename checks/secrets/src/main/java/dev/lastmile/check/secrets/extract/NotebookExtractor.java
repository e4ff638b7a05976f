package dev.lastmile.check.secrets.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jupyter notebooks ({@code .ipynb}): each cell's source and each output's text (stdout, reprs, {@code text/plain}
 * and {@code text/html} data) are reassembled into the text a person sees, read by the matching extractor (Python;
 * SQL for {@code %%sql} cells; shell for {@code !} lines and {@code %%bash}; {@code KEY=value} and {@code key: value}
 * lines in outputs, where an env dump or a printed config leaks what the source hid), and every value is reported
 * on the line of the notebook file that holds it. Images and other binary outputs are not read.
 */
public final class NotebookExtractor implements Extractor {

    private static final CodeExtractor PYTHON = CodeExtractor.python();
    /** IPython's {@code %env NAME=value} / {@code %env NAME value} and {@code %set_env}. */
    private static final Pattern ENV_MAGIC = Pattern.compile("^%(?:set_)?env\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=|\\s+)(.+)$");
    private static final SqlExtractor SQL = new SqlExtractor();

    @Override
    public String name() {
        return "notebook";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "ipynb");
    }

    /** One JSON string of the notebook: a piece of a cell's or output's text, and the file line it sits on. */
    private record Fragment(String text, int fileLine) {
    }

    @Override
    public Extraction extract(String text) {
        Map<String, List<Fragment>> parts = new LinkedHashMap<>();
        List<Entry> direct = new ArrayList<>();
        try (JsonParser p = JsonExtractor.FACTORY.createParser(text)) {
            collect(p, parts, direct);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? Math.max(1, e.getLocation().getLineNr()) : 1;
            List<Entry> fallback = new ArrayList<>(entriesOf(parts));
            fallback.addAll(KeyValueLines.extract(text, true));
            return Extraction.failed("not a valid notebook (JSON): " + e.getOriginalMessage(), line, fallback);
        } catch (IOException | RuntimeException e) {
            return Extraction.failed("not a valid notebook: " + e.getClass().getSimpleName(), 1, entriesOf(parts));
        }
        List<Entry> out = new ArrayList<>(entriesOf(parts));
        out.addAll(direct);
        return Extraction.of(out);
    }

    private static void collect(JsonParser p, Map<String, List<Fragment>> parts, List<Entry> direct) throws IOException {
        List<String> segs = new ArrayList<>();
        String field = null;
        int cell = -1;
        int output = -1;
        String cellType = "code";
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            switch (t) {
                case FIELD_NAME -> field = p.currentName();
                case START_OBJECT, START_ARRAY -> {
                    if (t == JsonToken.START_OBJECT && segs.size() == 2 && segs.get(1).equals("cells")) {
                        cell++;
                        output = -1;
                        cellType = "code";
                    }
                    if (t == JsonToken.START_OBJECT && segs.size() == 4 && segs.get(1).equals("cells")
                            && segs.get(3).equals("outputs")) {
                        output++;
                    }
                    segs.add(field != null ? field : "[]");
                    field = null;
                }
                case END_OBJECT, END_ARRAY -> {
                    if (!segs.isEmpty()) {
                        segs.removeLast();
                    }
                    field = null;
                }
                case VALUE_STRING -> {
                    List<String> path = new ArrayList<>(segs);
                    path.add(field != null ? field : "[]");
                    int line = p.currentTokenLocation().getLineNr();
                    if (path.size() == 4 && path.get(1).equals("cells") && path.get(3).equals("cell_type")) {
                        cellType = p.getText(); // nbformat sorts keys: cell_type comes before source
                    }
                    String partKey = partOf(path, cell, output);
                    if (partKey != null && partKey.endsWith(":source") && cellType.equals("markdown")) {
                        partKey = null; // prose, read like a Markdown file: provider formats only
                    }
                    if (partKey != null) {
                        parts.computeIfAbsent(partKey, k -> new ArrayList<>()).add(new Fragment(p.getText(), line));
                    } else if (path.size() > 6 && path.get(1).equals("cells") && path.get(5).equals("data")
                            && path.get(6).equals("application/json") && field != null) {
                        direct.add(Entry.of(field, p.getText(), line));
                    }
                    field = null;
                }
                default -> field = null;
            }
        }
    }

    /** {@code <cell>:source} or {@code <cell>:out<n>} for text a person reads; null for everything else. */
    private static String partOf(List<String> path, int cell, int output) {
        if (path.size() < 4 || !path.get(1).equals("cells")) {
            return null;
        }
        if (path.get(3).equals("source") && (path.size() == 4 || path.size() == 5)) {
            return cell + ":source";
        }
        if (path.get(3).equals("outputs") && path.size() >= 6) {
            String what = path.get(5);
            if (what.equals("text") && path.size() <= 7) {
                return cell + ":out" + output;
            }
            if (what.equals("data") && path.size() >= 7 && path.size() <= 8
                    && (path.get(6).equals("text/plain") || path.get(6).equals("text/html")
                    || path.get(6).equals("text/markdown"))) {
                return cell + ":out" + output + ":" + path.get(6);
            }
        }
        return null;
    }

    private static List<Entry> entriesOf(Map<String, List<Fragment>> parts) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, List<Fragment>> part : parts.entrySet()) {
            List<Fragment> fragments = part.getValue();
            StringBuilder doc = new StringBuilder();
            List<Integer> lineMap = new ArrayList<>(); // document line (0-based) -> file line
            boolean atLineStart = true;
            for (Fragment f : fragments) {
                String s = f.text();
                for (int k = 0; k < s.length(); k++) {
                    if (atLineStart) {
                        lineMap.add(f.fileLine());
                        atLineStart = false;
                    }
                    char c = s.charAt(k);
                    doc.append(c);
                    if (c == '\n') {
                        atLineStart = true;
                    }
                }
            }
            if (lineMap.isEmpty()) {
                continue;
            }
            String text = doc.toString();
            List<Entry> inner = new ArrayList<>();
            if (part.getKey().endsWith(":source")) {
                String first = text.stripLeading();
                if (first.startsWith("%%sql") || first.startsWith("%sql")) {
                    inner.addAll(SQL.extract(text).entries());
                } else if (first.startsWith("%%bash") || first.startsWith("%%sh")) {
                    inner.addAll(new ShellExtractor().extract(text).entries());
                } else {
                    inner.addAll(PYTHON.entries(text.replaceAll("(?m)^[ \\t]*[%!].*$", "")));
                    List<String> lines = dev.lastmile.core.util.Texts.lines(text);
                    for (int i = 0; i < lines.size(); i++) {
                        String l = lines.get(i).stripLeading();
                        if (l.startsWith("!")) {
                            ShellExtractor.lineEntries(l, i + 1, inner);
                        }
                        Matcher env = ENV_MAGIC.matcher(l);
                        if (env.matches()) {
                            inner.add(Entry.of(env.group(1), Unquote.value(env.group(2)), i + 1)); // %env X=...
                        }
                    }
                }
            } else {
                inner.addAll(PYTHON.entries(text));
                inner.addAll(PropertiesExtractor.extractAll(text));
            }
            for (Entry e : inner) {
                int line = lineMap.get(Math.min(e.line(), lineMap.size()) - 1);
                int end = lineMap.get(Math.min(e.endLine(), lineMap.size()) - 1);
                out.add(new Entry(e.key(), e.value(), line, Math.max(line, end), e.kind()));
            }
        }
        return out;
    }
}
