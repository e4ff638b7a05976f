package dev.lastmile.dbt.render;

import dev.lastmile.dbt.model.Placeholders;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last resort when Jinjava fails on a file: every tag is blanked (its line breaks kept), expressions become
 * placeholders ({@code ref} and {@code source} still recognised), so the lines stay exact. Linear in the file's
 * length: the tags come from {@link JinjaTokenizer}, and each expression is read once by patterns anchored on a word.
 */
final class JinjaFallback {

    private static final Pattern REF_CALL = Pattern.compile("\\bref\\(\\s*(?:['\"][^'\"]*['\"]\\s*,\\s*)?['\"]([^'\"]+)['\"]");
    private static final Pattern SOURCE_CALL = Pattern.compile("\\bsource\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern SILENT_CALL = Pattern.compile("\\s*(config|log|print|do)\\s*\\(");

    private JinjaFallback() {
    }

    /** {@code template} with its Jinja blanked; the refs and sources it names are added to {@code session}. */
    static String strip(String template, RenderSession session) {
        StringBuilder b = new StringBuilder(template.length());
        int copied = 0;
        List<JinjaTokenizer.Segment> segments = JinjaTokenizer.split(template).segments();
        for (JinjaTokenizer.Segment seg : segments) {
            if (seg.kind() == JinjaTokenizer.Kind.TEXT) {
                b.append(template, seg.start(), seg.end());
                copied = seg.end();
                continue;
            }
            if (seg.kind() == JinjaTokenizer.Kind.EXPR) {
                b.append(expressionPlaceholder(template, seg, session));
            }
            for (int i = seg.start(); i < seg.end(); i++) {
                if (template.charAt(i) == '\n') {
                    b.append('\n');
                }
            }
            copied = seg.end();
        }
        // an unterminated tag ends the tokens: what follows it is kept as it is
        return b.append(template, copied, template.length()).toString();
    }

    private static String expressionPlaceholder(String template, JinjaTokenizer.Segment seg, RenderSession session) {
        Matcher r = REF_CALL.matcher(template).region(seg.contentStart(), seg.contentEnd());
        if (r.find()) {
            String model = r.group(1).toLowerCase(Locale.ROOT);
            session.refs.add(model);
            return Placeholders.ref(model);
        }
        Matcher s = SOURCE_CALL.matcher(template).region(seg.contentStart(), seg.contentEnd());
        if (s.find()) {
            session.sources.add((s.group(1) + "." + s.group(2)).toLowerCase(Locale.ROOT));
            return Placeholders.source(s.group(1).toLowerCase(Locale.ROOT), s.group(2).toLowerCase(Locale.ROOT));
        }
        if (SILENT_CALL.matcher(template).region(seg.contentStart(), seg.contentEnd()).lookingAt()) {
            return "";
        }
        return Placeholders.UNKNOWN + "expr";
    }
}
