package dev.lastmile.core.suppress;

import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds inline suppressions in any text file:
 * <pre>
 *   select email from x   -- lastmile:ignore SQL001 -- consented marketing export, see TICKET-12
 *   # lastmile:ignore SEC003 -- documented test key for the local emulator
 *   password: hunter2
 *   {# lastmile:ignore-file SQL020 -- legacy model, tracked in TICKET-99 #}
 * </pre>
 * A comment alone on its line applies to the next line; one after code applies to its own line. Several rules may be
 * named, separated by commas or spaces. The reason follows {@code --}; a suppression without one does not silence
 * anything and is reported itself (rule {@code LM001}). The marker is recognised in any comment syntax ({@code --},
 * {@code #}, {@code //}, {@code /* *}{@code /}, Jinja {@code {# #}}) because it is specific enough not to occur by
 * accident.
 *
 * <p>{@code lastmile:allow -- reason} (the {@code --} may be left out: everything after the marker is the reason)
 * silences credential findings the same way, for sample values in tests and documentation. It needs a reason like
 * every suppression, and is listed as one: the finding stays in every output with status {@code suppressed}.
 */
public final class Suppressions {

    private static final Pattern MARKER = Pattern.compile(
            "lastmile:ignore(-file)?\\b[ \\t]*([A-Za-z0-9_.,\\s-]*?)(?:[ \\t]--[ \\t]*(.*?))?[ \\t]*(?:\\*/|#}|-->|\"|')?[ \\t]*$");
    private static final String ALLOW = "lastmile:allow";
    /** Comment closers and string quotes around a reason: not part of it. */
    private static final Pattern CLOSER = Pattern.compile("[ \\t]*(?:\\*/|#}|-->|\"|')*[ \\t]*$");
    private static final Pattern COMMENT_ONLY = Pattern.compile("^\\s*(--|#|//|/\\*|\\{#|<!--|;|\\*)");

    private Suppressions() {
    }

    public static List<Suppression> parse(String text) {
        boolean allows = text.contains(ALLOW);
        if (!text.contains("lastmile:ignore") && !allows) {
            return List.of();
        }
        List<String> lines = Texts.lines(text);
        List<Suppression> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int allowAt = allows ? line.indexOf(ALLOW) : -1;
            if (allowAt >= 0) {
                String rest = line.substring(allowAt + ALLOW.length());
                if (!rest.isEmpty() && (Character.isLetterOrDigit(rest.charAt(0)) || rest.charAt(0) == '_')) {
                    continue; // lastmile:allowed, lastmile:allowlist: another word
                }
                String reason = CLOSER.matcher(rest).replaceFirst("").strip();
                reason = reason.startsWith("--") ? reason.substring(2).strip() : reason;
                out.add(new Suppression(i + 1, appliesTo(lines, i, allowAt), List.of(Suppression.CREDENTIALS), reason,
                        false, ALLOW));
                continue;
            }
            int at = line.indexOf("lastmile:ignore");
            if (at < 0) {
                continue;
            }
            Matcher m = MARKER.matcher(line.substring(at));
            if (!m.find()) {
                continue;
            }
            boolean wholeFile = m.group(1) != null;
            List<String> rules = Arrays.stream(m.group(2).trim().split("[,\\s]+"))
                    .map(String::trim).filter(s -> !s.isEmpty() && !s.equals("--")).toList();
            String reason = m.group(3) == null ? "" : m.group(3).trim();
            out.add(new Suppression(i + 1, appliesTo(lines, i, at), rules, reason, wholeFile,
                    wholeFile ? "lastmile:ignore-file" : "lastmile:ignore"));
        }
        return out;
    }

    /** A comment alone on its line applies to the next code line; one after code to its own line. */
    private static int appliesTo(List<String> lines, int index, int markerAt) {
        String line = lines.get(index);
        boolean alone = COMMENT_ONLY.matcher(line).find()
                && line.substring(0, markerAt).replaceAll("[-#/*{<!;\\s]", "").isEmpty();
        return alone ? nextCodeLine(lines, index) : index + 1;
    }

    private static int nextCodeLine(List<String> lines, int index) {
        for (int j = index + 1; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return j + 1;
            }
        }
        return index + 2;
    }
}
