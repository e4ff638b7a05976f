package dev.lastmile.dbt.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named rewrites that make dbt's Jinja (Python's expression syntax, dbt's block tags) readable by Jinjava, each a
 * pure text-to-text function that keeps every line break where it was, so rendered lines still map to source lines.
 * Each has cases as data in {@code src/test/resources/render-cases/template-rewrites.yml}.
 */
final class TemplateRewrites {

    private TemplateRewrites() {
    }

    /** dbt's own block tags ({@code snapshot}, {@code test}) mean nothing to Jinjava. */
    private static final Pattern BLOCK_TAGS = Pattern.compile(
            "\\{%-?\\s*(?:snapshot\\s+\\w+|endsnapshot|test\\s+\\w+\\s*\\([^%]*\\)|endtest)\\s*-?%}");
    private static final Pattern DISPATCH = Pattern.compile(
            "adapter\\.dispatch\\(\\s*['\"](\\w+)['\"](?:\\s*,\\s*(?:macro_namespace\\s*=\\s*)?['\"]?(\\w+)['\"]?)?\\s*\\)\\s*\\(");

    /**
     * Every rewrite, in order: block tags dropped (their body kept), delimiters inside tag strings split, tuple
     * assignments unpacked, expressions made EL-readable, and {@code adapter.dispatch('m', 'pkg')(args)} (which
     * Jinjava's EL cannot call) replaced by the macro {@code dispatchTarget} resolves {@code m} to.
     */
    static String apply(String original, UnaryOperator<String> dispatchTarget) {
        String template = blockTagsDropped(original);
        template = quotedDelimitersInTags(template);
        template = tupleAssignmentsUnpacked(template);
        template = dateArithmetic(template);
        template = expressionsAsEl(template);
        return dispatchResolved(template, dispatchTarget);
    }

    /** dbt's own block tags ({@code {% snapshot %}}) mean nothing to Jinjava: their body is kept, the tags dropped. */
    static String blockTagsDropped(String template) {
        return template.contains("{%") && (template.contains("snapshot") || template.contains("endtest"))
                ? BLOCK_TAGS.matcher(template).replaceAll("{# #}") : template;
    }

    /** {@code adapter.dispatch('x')(args)} as a call of the macro {@code dispatchTarget} names. */
    static String dispatchResolved(String template, UnaryOperator<String> dispatchTarget) {
        if (!template.contains("adapter.dispatch")) {
            return template;
        }
        Matcher m = DISPATCH.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(dispatchTarget.apply(m.group(1)) + "("));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static final String TIMEDELTA = "modules.datetime.timedelta(";

    /**
     * Date arithmetic Jinjava's EL cannot do on objects: {@code run_started_at - modules.datetime.timedelta(days=2)}
     * becomes {@code __lm_date_add(run_started_at, modules.datetime.timedelta(days=2), -1)} ({@link PyDatetime#add}).
     * The left operand is the name chain, call or bracketed expression right before the operator. Strings are not
     * read as operands; anything else stays as it is.
     */
    static String dateArithmetic(String template) {
        if (!template.contains(TIMEDELTA)) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length() + 32);
        int last = 0;
        for (int at = template.indexOf(TIMEDELTA); at >= 0; at = template.indexOf(TIMEDELTA, at + 1)) {
            int op = at - 1;
            while (op >= last && template.charAt(op) == ' ') {
                op--;
            }
            if (op < last || template.charAt(op) != '-' && template.charAt(op) != '+') {
                continue;
            }
            int lhsEnd = op - 1;
            while (lhsEnd >= last && template.charAt(lhsEnd) == ' ') {
                lhsEnd--;
            }
            // an operand is a short expression: the look back is bounded, so the rewrite stays linear
            int lhsStart = operandStart(template, lhsEnd, Math.max(last, at - 2_000));
            int close = matchingClose(template, at + TIMEDELTA.length() - 1);
            if (lhsStart < 0 || close < 0) {
                continue;
            }
            b.append(template, last, lhsStart).append(PyDatetime.ADD).append('(')
                    .append(template, lhsStart, lhsEnd + 1).append(", ").append(template, at, close + 1)
                    .append(template.charAt(op) == '-' ? ", -1)" : ", 1)");
            last = close + 1;
            at = close;
        }
        return last == 0 ? template : b.append(template, last, template.length()).toString();
    }

    /** Where the operand ending at {@code end} starts: a name chain with calls and indexes, or a bracket; -1 if none. */
    private static int operandStart(String s, int end, int floor) {
        int k = end;
        while (k >= floor) {
            char c = s.charAt(k);
            if (c == ')' || c == ']') {
                int open = matchingOpen(s, k, floor);
                if (open < 0) {
                    return -1;
                }
                k = open - 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                k--;
            } else {
                break;
            }
        }
        return k == end ? -1 : k + 1;
    }

    private static int matchingOpen(String s, int close, int floor) {
        int depth = 0;
        for (int k = close; k >= floor; k--) {
            char c = s.charAt(k);
            if (c == ')' || c == ']') {
                depth++;
            } else if ((c == '(' || c == '[') && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static int matchingClose(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && --depth == 0) {
                return k;
            } else if (c == '}' || c == '%') {
                return -1; // the tag ended first
            }
        }
        return -1;
    }

    private static final Pattern TUPLE_SET = Pattern.compile(
            "(\\{%-?)(\\s*)set\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)+)\\s*,?\\s*=(?!=)");

    /**
     * Python's tuple assignment {@code {% set a, b = f(..) %}}, across lines or not: Jinjava cannot read it over
     * several lines, and a macro that asks the warehouse returns a placeholder, not a pair. It becomes one assignment
     * of the value and one per name ({@code a = __lm_unpack(value, 0, 'a')}): the value's item when it is a sequence
     * long enough, else a placeholder named after the variable, so {@code where x > {{ b }}} still has an operand.
     */
    static String tupleAssignmentsUnpacked(String template) {
        if (!template.contains("set") || template.indexOf(',') < 0) {
            return template;
        }
        StringBuilder b = null;
        int last = 0;
        Matcher m = TUPLE_SET.matcher(template);
        for (int[] span : JinjaTokenizer.tagSpans(template)) {
            if (template.charAt(span[0] + 1) != '%' || !m.region(span[0], span[1]).lookingAt()) {
                continue;
            }
            int close = span[1] - 2;
            boolean trim = template.charAt(close - 1) == '-';
            int exprEnd = trim ? close - 1 : close;
            String expr = template.substring(m.end(), exprEnd).strip();
            String[] names = m.group(3).split("\\s*,\\s*");
            String tuple = "__lm_tuple_" + names[0].strip();
            String open = m.group(1);
            StringBuilder r = new StringBuilder();
            r.append(open).append(" set ").append(tuple).append(" = ").append(expr.replace('\n', ' ')).append(" %}");
            for (int i = 0; i < names.length; i++) {
                String name = names[i].strip();
                r.append("{%- set ").append(name).append(" = __lm_unpack(").append(tuple).append(", ").append(i)
                        .append(", '").append(name).append("') ");
                if (i == names.length - 1) {
                    // the tag's line breaks, inside its last tag: the lines after it stay where they were
                    template.substring(span[0], span[1]).chars().filter(c -> c == '\n').forEach(c -> r.append('\n'));
                }
                r.append(i == names.length - 1 && trim ? "-%}" : "%}");
            }
            if (b == null) {
                b = new StringBuilder(template.length() + 64);
            }
            b.append(template, last, span[0]).append(r);
            last = span[1];
        }
        return b == null ? template : b.append(template, last, template.length()).toString();
    }

    /**
     * A tag's expression as Jinjava's EL can read it, as Python reads it: a trailing comma before {@code )}, {@code ]}
     * or a closing brace is dropped ({@code f(a, b,)}, {@code {'k': 'v',}}); inside a string literal a backslash
     * before a character Python gives no meaning ({@code "\/"}, {@code "\d"}) is kept as a backslash, as Python
     * keeps it (Jinjava's EL rejects the whole expression). String contents are otherwise never touched.
     */
    static String pythonicExpression(String inner) {
        StringBuilder b = null;
        int n = inner.length();
        char quote = 0;
        for (int i = 0; i < n; i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < n) {
                    char e = inner.charAt(i + 1);
                    if (PYTHON_ESCAPES.indexOf(e) < 0) {
                        b = copyUpTo(b, inner, i).append('\\');
                    }
                    if (b != null) {
                        b.append(c).append(e);
                    }
                    i++;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                int k = i + 1;
                while (k < n && Character.isWhitespace(inner.charAt(k))) {
                    k++;
                }
                if (k < n && (inner.charAt(k) == ')' || inner.charAt(k) == ']' || inner.charAt(k) == '}')) {
                    b = copyUpTo(b, inner, i);
                    continue; // the comma is dropped, the white space after it kept
                }
            }
            if (b != null) {
                b.append(c);
            }
        }
        return b == null ? inner : b.toString();
    }

    /**
     * Jinjava's EL binds a keyword argument tighter than an operator: {@code f(include=a + b)} is read as
     * {@code (include=a) + b} and fails. Python binds the whole expression to the name: the value is parenthesised
     * ({@code include=(a + b)}) when it holds an operator at its own level. Strings are skipped.
     */
    static String keywordValuesParenthesised(String inner) {
        if (inner.indexOf('=') < 0 || inner.indexOf('(') < 0) {
            return inner;
        }
        int n = inner.length();
        List<int[]> wraps = new ArrayList<>();
        outsideStrings(inner, 0, (i, c, depth) -> {
            if (c == '=' && depth > 0 && keywordBefore(inner, i) && (i + 1 >= n || inner.charAt(i + 1) != '=')) {
                // the value ends at the next comma or closing bracket of its own level
                int end = outsideStrings(inner, i + 1, (k, x, d) -> d == 0 && (x == ',' || x == ')' || x == ']' || x == '}'));
                if (end > 0 && outsideStrings(inner.substring(0, end), i + 1, (k, x, d) -> d == 0 && "+-*/~%".indexOf(x) >= 0) > 0) {
                    wraps.add(new int[] {i + 1, end});
                }
            }
            return false;
        });
        if (wraps.isEmpty()) {
            return inner;
        }
        StringBuilder b = new StringBuilder(n + 2 * wraps.size());
        int last = 0;
        for (int[] w : wraps) {
            b.append(inner, last, w[0]).append('(').append(inner, w[0], w[1]).append(')');
            last = w[1];
        }
        return b.append(inner, last, n).toString();
    }

    /** What {@link #outsideStrings} shows each character: its index, itself, and the brackets open before it. */
    private interface CharVisitor {
        boolean stopAt(int index, char c, int depth);
    }

    /**
     * Visits the characters of {@code s} from {@code from} that lie outside string literals, with the bracket depth
     * relative to {@code from}; returns the index the visitor stopped at, or -1.
     */
    private static int outsideStrings(String s, int from, CharVisitor visitor) {
        int depth = 0;
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\'' || c == '"') {
                int end = endOfString(s, k);
                if (end < 0) {
                    return -1; // an unterminated string runs to the end
                }
                k = end - 1;
                continue;
            }
            if (visitor.stopAt(k, c, depth)) {
                return k;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** True when an identifier (the keyword's name) ends right before {@code eq}, after optional spaces. */
    private static boolean keywordBefore(String s, int eq) {
        int k = eq - 1;
        while (k >= 0 && s.charAt(k) == ' ') {
            k--;
        }
        if (k < 0 || !(Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            return false;
        }
        while (k >= 0 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k--;
        }
        while (k >= 0 && Character.isWhitespace(s.charAt(k))) {
            k--;
        }
        return k >= 0 && (s.charAt(k) == '(' || s.charAt(k) == ',');
    }

    /** Escapes Python gives a meaning to inside a string literal (others keep their backslash). */
    private static final String PYTHON_ESCAPES = "\\'\"abfnrtv01234567xNuU\n";

    private static StringBuilder copyUpTo(StringBuilder b, String s, int end) {
        return b != null ? b : new StringBuilder(s.length() + 8).append(s, 0, end);
    }

    private static final Pattern STRING_METHOD = Pattern.compile(
            "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_][\\w.]*(?:\\[[^\\[\\]]*]|\\([^()]*\\))?)"
                    + "\\.(lower|upper|strip|title|capitalize)\\(\\s*\\)");

    /** A cheap test before {@link #STRING_METHOD}, whose alternatives are tried at every character of a tag. */
    private static boolean mayCallStringMethod(String tag) {
        for (String m : List.of(".lower(", ".upper(", ".strip(", ".title(", ".capitalize(")) {
            if (tag.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern JOIN_CALL = Pattern.compile("('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")\\.join\\(");

    /** Python's {@code ', '.join(cols)} is Jinja's {@code cols|join(', ')}. */
    static String stringJoinAsFilter(String tag) {
        if (!tag.contains(".join(")) {
            return tag;
        }
        Matcher m = JOIN_CALL.matcher(tag);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find(last)) {
            int open = m.end() - 1;
            int depth = 0;
            int close = -1;
            for (int i = open; i < tag.length(); i++) {
                char c = tag.charAt(i);
                if (c == '(' || c == '[') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        close = i;
                        break;
                    }
                }
            }
            if (close < 0) {
                break;
            }
            b.append(tag, last, m.start()).append("((").append(tag, open + 1, close).append(")|join(")
                    .append(m.group(1)).append("))");
            last = close + 1;
        }
        return b.append(tag.substring(last)).toString();
    }

    /** Python string methods Jinjava lacks ({@code name.lower()}) become the equivalent Jinja filters. */
    static String stringMethodsAsFilters(String original) {
        if (original.indexOf('.') < 0) {
            return original;
        }
        // Python's startswith/endswith are Java's startsWith/endsWith on the same String
        String tag = original.replace(".startswith(", ".startsWith(").replace(".endswith(", ".endsWith(");
        tag = stringJoinAsFilter(tag);
        if (!mayCallStringMethod(tag) || !STRING_METHOD.matcher(tag).find()) {
            return tag;
        }
        Matcher m = STRING_METHOD.matcher(tag);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String f = switch (m.group(2)) {
                case "strip" -> "trim";
                default -> m.group(2);
            };
            m.appendReplacement(b, Matcher.quoteReplacement("(" + m.group(1) + "|" + f + ")"));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * Jinja reads a string literal inside a tag as a string, whatever it holds: {@code {{ config(meta={'at': '{{ ds }}'})
     * }}} is one tag. Jinjava ends the tag at the first {@code }}}, even inside the string, and the file fails to
     * render. Delimiters inside a tag's string literals are split ({@code '{ { ds } }'}); nothing else changes, line
     * breaks included. {@code {# #}} comments and {@code raw} blocks are skipped; an unterminated tag ends the scan.
     */
    static String quotedDelimitersInTags(String template) {
        int n = template.length();
        StringBuilder b = null;
        int copied = 0;
        int i = template.indexOf('{');
        while (i >= 0 && i + 1 < n) {
            char kind = template.charAt(i + 1);
            if (kind == '#') {
                int end = template.indexOf("#}", i + 2);
                if (end < 0) {
                    break;
                }
                i = template.indexOf('{', end + 2);
                continue;
            }
            if (kind != '{' && kind != '%') {
                i = template.indexOf('{', i + 1);
                continue;
            }
            if (kind == '%' && RAW_START.matcher(template).region(i, n).lookingAt()) {
                Matcher end = RAW_END.matcher(template);
                if (!end.find(i + 2)) {
                    break;
                }
                i = template.indexOf('{', end.end());
                continue;
            }
            char close = kind == '{' ? '}' : '%';
            char quote = 0;
            int tagEnd = -1;
            List<Integer> splits = new ArrayList<>();
            for (int k = i + 2; k + 1 < n; k++) {
                char c = template.charAt(k);
                if (quote != 0) {
                    if (c == '\\') {
                        k++;
                    } else if (c == quote) {
                        quote = 0;
                    } else if (isDelimiter(c, template.charAt(k + 1))) {
                        splits.add(k + 1);
                        k++;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == close && template.charAt(k + 1) == '}') {
                    tagEnd = k + 2;
                    break;
                }
            }
            if (tagEnd < 0) {
                break; // an unterminated tag: Jinjava reports it as it is
            }
            for (int at : splits) {
                if (b == null) {
                    b = new StringBuilder(n + 8);
                }
                b.append(template, copied, at).append(' ');
                copied = at;
            }
            i = template.indexOf('{', tagEnd);
        }
        return b == null ? template : b.append(template, copied, n).toString();
    }

    private static final Pattern RAW_START = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

    /** True for the two characters of a Jinja delimiter: an opening or closing brace pair, or brace and percent or hash. */
    private static boolean isDelimiter(char a, char b) {
        return a == '{' && (b == '{' || b == '%' || b == '#') || b == '}' && (a == '}' || a == '%' || a == '#');
    }

    /**
     * Jinja, like Python, reads adjacent string literals as one ({@code "case" " when x then 1"}); Jinjava's EL does
     * not: they become one literal, the line breaks between them kept after it.
     */
    static String joinAdjacentStrings(String tag) {
        StringBuilder b = null;
        int n = tag.length();
        int i = 0;
        int copied = 0;
        while (i < n) {
            char q = tag.charAt(i);
            if (q != '\'' && q != '"') {
                i++;
                continue;
            }
            int end = endOfString(tag, i);
            if (end < 0) {
                break;
            }
            int next = end;
            while (next < n && Character.isWhitespace(tag.charAt(next))) {
                next++;
            }
            if (next >= n || tag.charAt(next) != '\'' && tag.charAt(next) != '"' || endOfString(tag, next) < 0) {
                i = end;
                continue;
            }
            // a run of adjacent literals: one literal in the first one's quotes
            StringBuilder body = new StringBuilder(tag.substring(i + 1, end - 1));
            StringBuilder breaks = new StringBuilder();
            int at = end;
            while (true) {
                int s = at;
                while (s < n && Character.isWhitespace(tag.charAt(s))) {
                    s++;
                }
                int e = s < n && (tag.charAt(s) == '\'' || tag.charAt(s) == '"') ? endOfString(tag, s) : -1;
                if (e < 0) {
                    break;
                }
                tag.substring(at, s).chars().filter(c -> c == '\n').forEach(c -> breaks.append('\n'));
                requoted(tag.substring(s + 1, e - 1), tag.charAt(s), q, body);
                at = e;
            }
            if (b == null) {
                b = new StringBuilder(n);
            }
            b.append(tag, copied, i).append(q).append(body).append(q).append(breaks);
            copied = at;
            i = at;
        }
        return b == null ? tag : b.append(tag, copied, n).toString();
    }

    /** Appends the body of a literal quoted with {@code from} as the body of one quoted with {@code to}. */
    private static void requoted(String body, char from, char to, StringBuilder out) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char d = body.charAt(++i);
                // an escaped quote of the old kind needs no escape any more; every other escape stays
                out.append(d == from && from != to ? String.valueOf(d) : "\\" + d);
            } else if (c == to && from != to) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
    }

    /** The index after the closing quote of the string literal opening at {@code i}, or -1 when it does not close. */
    private static int endOfString(String s, int i) {
        char q = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == q) {
                return j + 1;
            }
        }
        return -1;
    }

    /**
     * Every tag's expression rewritten as Jinjava's EL reads what Python reads: {@link #pythonicExpression},
     * {@link #keywordValuesParenthesised}, {@link #joinAdjacentStrings}, {@link #stringMethodsAsFilters}.
     */
    static String expressionsAsEl(String template) {
        if (template.indexOf(',') < 0 && template.indexOf('.') < 0 && template.indexOf('"') < 0 && template.indexOf('\'') < 0) {
            return template;
        }
        StringBuilder b = null;
        int last = 0;
        for (int[] span : JinjaTokenizer.tagSpans(template)) {
            String inner = template.substring(span[0] + 2, span[1] - 2);
            if (inner.indexOf(',') < 0 && inner.indexOf('.') < 0 && inner.indexOf('"') < 0 && inner.indexOf('\'') < 0) {
                continue; // nothing any of the fix-ups below reads
            }
            String fixed = stringMethodsAsFilters(joinAdjacentStrings(keywordValuesParenthesised(pythonicExpression(inner))));
            if (!fixed.equals(inner)) {
                if (b == null) {
                    b = new StringBuilder(template.length());
                }
                b.append(template, last, span[0] + 2).append(fixed).append(template, span[1] - 2, span[1]);
                last = span[1];
            }
        }
        if (b == null) {
            return template;
        }
        return b.append(template, last, template.length()).toString();
    }
}
