package dev.lastmile.check.secrets.extract;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-based {@code key = value} / {@code key: value} reading, for formats that are lines ({@code .env}, INI,
 * {@code .cfg}, {@code .properties}) and as the fallback when a structured file does not parse.
 */
final class KeyValueLines {

    private static final Pattern PAIR = Pattern.compile(
            "^\\s*(?:export\\s+|set\\s+)?[\"']?([A-Za-z_$@][A-Za-z0-9_.\\-$@\\[\\] ]{0,120}?)[\"']?\\s*(=|:)\\s*(.*)$");

    private KeyValueLines() {
    }

    /** @param colonPairs also take {@code key: value} (YAML-ish, properties) besides {@code key = value} */
    static List<Entry> extract(String text, boolean colonPairs) {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() > 10_000) {
                continue;
            }
            String t = line.stripLeading();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.startsWith("!") || t.startsWith("//")
                    || t.startsWith("[")) {
                continue;
            }
            if (t.startsWith("- ")) {
                t = t.substring(2);
            }
            Matcher m = PAIR.matcher(t);
            if (!m.matches()) {
                continue;
            }
            if (m.group(2).equals(":") && !colonPairs) {
                continue;
            }
            String raw = m.group(3);
            if (raw.startsWith("//")) {
                continue; // key: //host (a URL after a colon split), not a pair
            }
            out.add(Entry.of(m.group(1).strip(), Unquote.bare(raw), i + 1));
        }
        return out;
    }
}
