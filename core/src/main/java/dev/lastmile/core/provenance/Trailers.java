package dev.lastmile.core.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message's trailers by git's rules ({@code git interpret-trailers}): the trailer block is the message's
 * last paragraph, never its subject paragraph, and it counts only when every line of it is a {@code Key: value}
 * trailer (or a continuation line), or at least a quarter are and one is git's own {@code Signed-off-by}. A trailer
 * quoted or written in the body is therefore not a trailer.
 */
public final class Trailers {

    /** One trailer; {@code line} is how it reads ({@code Co-authored-by: Claude <noreply@anthropic.com>}). */
    public record Trailer(String key, String value, String line) {
    }

    private static final Pattern TRAILER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)");

    private Trailers() {
    }

    public static List<Trailer> parse(String message) {
        List<String> lines = new ArrayList<>(List.of(message.replace("\r\n", "\n").split("\n", -1)));
        lines.removeIf(l -> l.startsWith("#")); // git strips comment lines from messages it writes
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        int start = end;
        while (start > 0 && !lines.get(start - 1).isBlank()) {
            start--;
        }
        if (start == 0 || start == end) {
            return List.of(); // a subject-only message (or nothing) has no trailer block
        }
        List<Trailer> found = new ArrayList<>();
        int nonTrailers = 0;
        boolean gitTrailer = false;
        for (String line : lines.subList(start, end)) {
            if (!found.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                Trailer last = found.remove(found.size() - 1);
                found.add(new Trailer(last.key(), last.value() + " " + line.strip(), last.line() + " " + line.strip()));
                continue;
            }
            Matcher m = TRAILER.matcher(line);
            if (m.matches()) {
                found.add(new Trailer(m.group(1), m.group(2).strip(), line.strip()));
                gitTrailer |= m.group(1).equalsIgnoreCase("Signed-off-by");
            } else {
                nonTrailers++;
            }
        }
        if (nonTrailers == 0 || (gitTrailer && found.size() * 3 >= nonTrailers)) {
            return found;
        }
        return List.of();
    }
}
