package dev.lastmile.check.secrets.extract;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles: {@code ENV} and {@code ARG} defaults ({@code ENV DB_PASSWORD=...}, {@code ENV TOKEN value}) bake a
 * value into every image layer; {@code RUN} lines are read as shell commands for credential flags.
 */
public final class DockerfileExtractor implements Extractor {

    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*(ENV|ARG|LABEL)\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"|'[^']*'|\\S*)");

    @Override
    public String name() {
        return "dockerfile";
    }

    @Override
    public boolean fileRequired(String path) {
        String n = Extractor.fileName(path);
        return n.equals("dockerfile") || n.startsWith("dockerfile.") || n.endsWith(".dockerfile")
                || n.equals("containerfile");
    }

    @Override
    public Extraction extract(String text) {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() > 10_000 || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                String args = m.group(2).replaceAll("\\\\\\s*$", "").strip();
                if (args.contains("=")) {
                    Matcher p = PAIR.matcher(args);
                    while (p.find()) {
                        out.add(Entry.of(p.group(1), Unquote.value(p.group(2)), i + 1));
                    }
                } else {
                    String[] kv = args.split("\\s+", 2);
                    if (kv.length == 2) {
                        out.add(Entry.of(kv[0], Unquote.value(kv[1]), i + 1));
                    }
                }
            } else {
                // RUN lines and their continuations
                Matcher p = PAIR.matcher(line);
                if (line.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("RUN ") || line.startsWith(" ")) {
                    ShellExtractor.lineEntries(line, i + 1, out);
                    while (p.find()) {
                        if (p.start() == 0 || Character.isWhitespace(line.charAt(p.start() - 1))) {
                            out.add(Entry.of(p.group(1), Unquote.value(p.group(2)), i + 1));
                        }
                    }
                }
            }
        }
        return Extraction.of(out);
    }
}
