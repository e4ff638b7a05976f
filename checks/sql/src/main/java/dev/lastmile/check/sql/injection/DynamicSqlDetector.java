package dev.lastmile.check.sql.injection;

import dev.lastmile.dbt.render.JinjaTokenizer.Kind;
import dev.lastmile.dbt.render.JinjaTokenizer.Segment;
import dev.lastmile.check.sql.injection.SqlContext.Lit;
import dev.lastmile.check.sql.injection.SqlContext.Part;
import dev.lastmile.check.sql.injection.SqlContext.Position;
import dev.lastmile.check.sql.injection.SqlContext.Val;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL011: statements executed dynamically inside SQL ({@code EXECUTE IMMEDIATE}, PL/pgSQL {@code EXECUTE},
 * T-SQL {@code EXEC(...)}/{@code sp_executesql}, a {@code CALL} handed a statement) whose text is concatenated from
 * non-literal operands, formatted with {@code %s}, or carries an untrusted Jinja value in the statement string.
 *
 * <p>Works on the file with Jinja tags masked (same length, newlines kept, each {@code {{ }}} marked by one
 * placeholder character), so offsets are the file's. A bare variable argument is followed one step to its
 * {@code SET}/{@code :=}/{@code LET}/{@code DECLARE ... DEFAULT} assignment.
 */
final class DynamicSqlDetector {

    static final Pattern TRIGGER = Pattern.compile("(?i)\\b(execute|exec|call)\\b");
    private static final char PLACEHOLDER = '\u0001';
    private static final int MAX_ARGUMENT = 4000;
    /** EXECUTE/CALL statements judged per file; more are reported as not analysed (SQL019). */
    private static final int MAX_STATEMENTS = 2_000;
    private int judged;
    /** How far back an executed variable's assignment is looked for (keeps many EXECUTEs linear). */
    private static final int ASSIGNMENT_WINDOW = 20_000;
    private static final Set<String> SAFE_FUNCTIONS = Set.of("quote_ident", "quote_literal", "quote_nullable",
            "quotename", "to_json_string", "safe_cast", "cast", "format_date", "format_timestamp", "date", "timestamp");
    private static final Pattern SQL_VERB = Pattern.compile(
            "(?is)^\\s*(select|insert|update|delete|merge|create|drop|alter|truncate|grant|revoke|with|copy|call)\\b.*");

    /** An operand of the executed expression: [start, end) in the masked text. */
    private record Span(int start, int end) {
    }

    private final String path;
    private final char[] masked;
    private final Map<Integer, Taint> placeholderTaints = new HashMap<>();
    private final JinjaSqlAnalyzer lines;
    private final Set<String> reported = new LinkedHashSet<>();
    private final List<Finding> findings = new ArrayList<>();

    DynamicSqlDetector(String path, String text, List<Segment> segments, Map<Integer, Taint> exprTaints,
                       JinjaSqlAnalyzer lines) {
        this.path = path;
        this.lines = lines;
        this.masked = text.toCharArray();
        for (Segment s : segments) {
            if (s.kind() == Kind.TEXT) {
                continue;
            }
            for (int i = s.start(); i < s.end() && i < masked.length; i++) {
                if (masked[i] != '\n' && masked[i] != '\r') {
                    masked[i] = ' ';
                }
            }
            if (s.kind() == Kind.EXPR && s.start() < masked.length) {
                masked[s.start()] = PLACEHOLDER;
                placeholderTaints.put(s.start(), exprTaints.getOrDefault(s.start(), Taint.SAFE));
            }
        }
    }

    private String maskedText;

    private String maskedText() {
        if (maskedText == null) {
            maskedText = new String(masked);
        }
        return maskedText;
    }

    /**
     * The end of a PostgreSQL dollar-quoted string ({@code $$...$$}, {@code $fmt$...$fmt$}) starting at {@code at},
     * or -1 when none starts there ({@code $1} is a parameter, not a quote).
     */
    private int dollarQuoteEnd(int at) {
        int n = masked.length;
        if (at >= n || masked[at] != '$') {
            return -1;
        }
        int i = at + 1;
        if (i < n && (Character.isLetter(masked[i]) || masked[i] == '_')) {
            while (i < n && (Character.isLetterOrDigit(masked[i]) || masked[i] == '_')) {
                i++;
            }
        }
        if (i >= n || masked[i] != '$') {
            return -1;
        }
        String tag = new String(masked, at, i + 1 - at);
        int close = maskedText().indexOf(tag, i + 1);
        return close < 0 || close - at > MAX_ARGUMENT ? -1 : close + tag.length();
    }

    List<Finding> findings() {
        return findings;
    }

    void run() {
        int n = masked.length;
        int i = 0;
        while (i < n) {
            char c = masked[i];
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(i);
            } else if (c == '-' && i + 1 < n && masked[i + 1] == '-'
                    || c == '#' && (i + 1 >= n || masked[i + 1] != '>' && masked[i + 1] != '-')) {
                while (i < n && masked[i] != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && masked[i + 1] == '*') {
                int end = indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) && (i == 0 || !isWord(masked[i - 1]))) {
                int start = i;
                while (i < n && isWord(masked[i])) {
                    i++;
                }
                String word = new String(masked, start, i - start).toLowerCase(Locale.ROOT);
                boolean keyword = word.equals("execute") || word.equals("exec") || word.equals("call");
                if (keyword && ++judged > MAX_STATEMENTS) {
                    findings.add(Finding.of(UnanalysableFile.META, path, Region.line(lines.line(start)), "More than "
                            + MAX_STATEMENTS + " EXECUTE/CALL statements in one file; the dynamic-SQL analysis stopped here."));
                    return;
                }
                switch (word) {
                    case "execute", "exec" -> execute(word, start, i);
                    case "call" -> call(i);
                    default -> {
                    }
                }
            } else {
                i++;
            }
        }
    }

    private void execute(String keyword, int kwStart, int after) {
        int i = skipSpace(after);
        String label = keyword.toUpperCase(Locale.ROOT);
        if (wordAt(i).equals("immediate")) {
            i = skipSpace(i + "immediate".length());
            label = "EXECUTE IMMEDIATE";
        }
        String next = wordAt(i);
        if (keyword.equals("exec") && next.equals("sp_executesql")) {
            i = skipSpace(i + next.length());
            label = "sp_executesql";
        }
        int end = argumentEnd(i);
        if (end <= i) {
            return;
        }
        judge(label, i, end, true);
    }

    /** A CALL only matters when it is handed a statement built by concatenation. */
    private void call(int after) {
        int i = skipSpace(after);
        while (i < masked.length && (isWord(masked[i]) || masked[i] == '.' || masked[i] == '$')) {
            i++;
        }
        if (i >= masked.length || masked[i] != '(') {
            return;
        }
        int close = closing(i);
        List<Span> args = split(i + 1, close, ',');
        for (Span a : args) {
            List<Span> operands = split(a.start(), a.end(), '|');
            if (operands.size() > 1 && operands.stream().anyMatch(o -> isStringLiteral(o) && SQL_VERB.matcher(unquote(o)).matches())) {
                judge("CALL", a.start(), a.end(), false);
            }
        }
    }

    /**
     * Judges the expression [start, end) whose value is executed; {@code followVariable} allows one step through a
     * variable's assignment.
     */
    private void judge(String executor, int start, int end, boolean followVariable) {
        Span whole = trim(new Span(start, end));
        if (whole.end() <= whole.start()) {
            return;
        }
        // T-SQL EXEC(@sql) and grouped expressions: look inside the parentheses.
        if (masked[whole.start()] == '(' && closing(whole.start()) == whole.end() - 1) {
            judge(executor, whole.start() + 1, whole.end() - 1, followVariable);
            return;
        }
        List<Span> operands = split(whole.start(), whole.end(), '|');
        if (operands.size() == 1) {
            List<Span> plus = split(whole.start(), whole.end(), '+');
            if (plus.size() > 1 && plus.stream().anyMatch(this::isStringLiteral)) {
                operands = plus; // T-SQL concatenates strings with +
            }
        }
        if (operands.size() == 1) {
            Span only = operands.get(0);
            String fn = functionName(only);
            if (fn.equals("concat")) {
                int open = openParen(only);
                operands = split(open + 1, closing(open), ',');
            } else if (fn.equals("format")) {
                formatCall(executor, only);
                return;
            } else if (isStringLiteral(only)) {
                literalWithJinja(executor, only);
                return;
            } else if (followVariable && isIdentifier(only)) {
                String name = text(only).strip().replaceFirst("^:", "");
                Span assigned = assignment(name, only.start());
                if (assigned != null) {
                    judge(executor + " (through `" + text(only).strip() + "`)", assigned.start(), assigned.end(), false);
                } else {
                    builtByProcedure(executor, name, only.start());
                }
                return;
            } else {
                return;
            }
        }
        for (Span o : operands) {
            Span op = trim(o);
            if (op.end() <= op.start()) {
                continue;
            }
            if (isStringLiteral(op)) {
                literalWithJinja(executor, op);
            } else if (isPlaceholderOnly(op)) {
                Taint t = placeholderTaints.getOrDefault(op.start(), Taint.SAFE);
                if (t.untrusted()) {
                    report(op.start(), executor + " runs a statement concatenated with " + t.label() + ".");
                }
            } else if (!SAFE_FUNCTIONS.contains(functionName(op)) && !isNumber(op)) {
                report(op.start(), executor + " runs a statement concatenated from `" + shorten(text(op))
                        + "`; pass it as a parameter (USING) or quote it with the engine's quoting function.", readFromDatabase(op));
            }
        }
    }

    /** A format specifier: {@code %s}, positional {@code %1$s}, flags and width; the letter decides. */
    private static final Pattern FORMAT_SPEC = Pattern.compile("%(?:(\\d+)\\$)?[-0-9.*]*([A-Za-z%])");

    private void formatCall(String executor, Span call) {
        int open = openParen(call);
        List<Span> args = split(open + 1, closing(open), ',');
        if (args.size() < 2 || !isStringLiteral(trim(args.get(0)))) {
            return;
        }
        String format = unquote(trim(args.get(0)));
        // %s and BigQuery's %t insert text as is; %I/%L (PostgreSQL) and %T (BigQuery) quote it. %1$s names its
        // argument by position; the others take the next one.
        Matcher m = FORMAT_SPEC.matcher(format);
        int next = 1;
        while (m.find()) {
            char letter = m.group(2).charAt(0);
            if (letter == '%') {
                continue;
            }
            int index = m.group(1) != null ? Integer.parseInt(m.group(1)) : next++;
            if ((letter != 's' && letter != 't') || index < 1 || index >= args.size()) {
                continue;
            }
            Span arg = trim(args.get(index));
            if (isStringLiteral(arg) || isNumber(arg) || SAFE_FUNCTIONS.contains(functionName(arg))) {
                continue;
            }
            report(arg.start(), executor + " runs a statement built with format('" + m.group() + "') from `"
                    + shorten(text(arg)) + "`; use %I/%L (PostgreSQL) or %T (BigQuery), or USING parameters.",
                    readFromDatabase(arg));
            return;
        }
    }

    /**
     * Whether the operand is a value the script read from the database itself: a field of a {@code FOR} loop over a
     * query, or a variable set from a query ({@code DECLARE x DEFAULT (SELECT ...)}, {@code SET x = (SELECT ...)}).
     * Still concatenated unquoted (second-order injection, names that break on odd characters), but no input of the
     * caller reaches it: graded medium, not failing.
     */
    private final Map<String, Boolean> readFromDatabase = new HashMap<>();

    private boolean readFromDatabase(Span op) {
        String t = text(trim(op)).strip();
        if (t.length() > 200 || !t.matches("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            return false;
        }
        return readFromDatabase.computeIfAbsent(t.contains(".") ? t.substring(0, t.indexOf('.')) : t, this::assignedFromQuery);
    }

    private boolean assignedFromQuery(String name) {
        String root = Pattern.quote(name);
        String all = maskedText();
        return Pattern.compile("(?is)\\bfor\\s+" + root + "\\s+in\\s*\\(?\\s*(?:select|with)\\b").matcher(all).find()
                || Pattern.compile("(?is)\\b(?:declare\\s+" + root + "\\b[^;]*?\\bdefault|set\\s+" + root + "\\s*=)\\s*\\(\\s*(?:select|with)\\b")
                .matcher(all).find();
    }

    /** A statement literal may carry Jinja values; judge where they land inside the statement it spells. */
    private void literalWithJinja(String executor, Span literal) {
        Span s = trim(literal);
        char q = masked[s.start()];
        boolean triple = s.end() - s.start() >= 6 && masked[s.start() + 1] == q && masked[s.start() + 2] == q;
        int from = s.start() + (triple ? 3 : 1);
        int to = s.end() - (triple ? 3 : 1);
        List<Part> parts = new ArrayList<>();
        List<Integer> valueOffsets = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = masked[i];
            if (c == PLACEHOLDER) {
                parts.add(new Lit(lit.toString()));
                lit.setLength(0);
                parts.add(new Val(placeholderTaints.getOrDefault(i, Taint.SAFE)));
                valueOffsets.add(i);
            } else if (!triple && c == q && i + 1 < to && masked[i + 1] == q) {
                lit.append(q); // '' inside '...' is one quote of the inner statement
                i++;
            } else if (c == '\\' && i + 1 < to) {
                lit.append(masked[i + 1]);
                i++;
            } else {
                lit.append(c);
            }
        }
        parts.add(new Lit(lit.toString()));
        if (valueOffsets.isEmpty()) {
            return;
        }
        List<Position> positions = SqlContext.classify(parts);
        for (int k = 0; k < positions.size(); k++) {
            Taint t = placeholderTaints.getOrDefault(valueOffsets.get(k), Taint.SAFE);
            Position pos = positions.get(k);
            if (t.untrusted() && pos != Position.STRING && pos != Position.QUOTED_NAME && pos != Position.COMMENT) {
                report(valueOffsets.get(k), executor + " runs a statement with " + t.label()
                        + " spliced unquoted into its text; bind it with USING or quote it inside the statement.");
            }
        }
    }

    /**
     * The statement was built in another procedure of the file and handed back through an {@code OUT} parameter:
     * {@code CALL build_sql(tbl, stmt); EXECUTE IMMEDIATE stmt;}. Finds the {@code CALL} that passes {@code name},
     * the called procedure's parameter at that position, and judges what the procedure assigns to it.
     */
    private void builtByProcedure(String executor, String name, int before) {
        String all = maskedText();
        int windowStart = Math.max(0, before - ASSIGNMENT_WINDOW);
        Matcher call = Pattern.compile("(?is)\\bcall\\s+([\\w.`]+)\\s*\\(").matcher(all).region(windowStart, Math.min(before, all.length()));
        String procedure = null;
        int position = -1;
        while (call.find()) {
            int open = call.end() - 1;
            List<Span> args = split(open + 1, closing(open), ',');
            for (int k = 0; k < args.size(); k++) {
                if (text(trim(args.get(k))).strip().equalsIgnoreCase(name)) {
                    String full = call.group(1).replace("`", "");
                    procedure = full.substring(full.lastIndexOf('.') + 1);
                    position = k;
                }
            }
        }
        if (procedure == null) {
            return;
        }
        Matcher def = Pattern.compile("(?is)\\bcreate\\s+(?:or\\s+replace\\s+)?procedure\\s+(?:if\\s+not\\s+exists\\s+)?[\\w.`]*?\\b"
                + Pattern.quote(procedure) + "`?\\s*\\(").matcher(all);
        if (!def.find()) {
            return;
        }
        int open = def.end() - 1;
        int close = closing(open);
        List<Span> params = split(open + 1, close, ',');
        if (position >= params.size()) {
            return;
        }
        // BigQuery and MySQL: OUT name TYPE; PostgreSQL also name OUT TYPE
        Matcher out = Pattern.compile("(?i)^\\s*(?:(?:in)?out\\s+(\\w+)|(\\w+)\\s+(?:in)?out\\b)").matcher(text(params.get(position)));
        if (!out.find()) {
            return;
        }
        String param = out.group(1) != null ? out.group(1) : out.group(2);
        Span assigned = assignmentBetween(param, close, Math.min(all.length(), close + ASSIGNMENT_WINDOW));
        if (assigned != null) {
            judge(executor + " (through `" + name + "`, built by " + procedure + "'s OUT parameter `" + param + "`)",
                    assigned.start(), assigned.end(), false);
        }
    }

    /** The first {@code SET name =} or {@code name :=} in [from, to). */
    private Span assignmentBetween(String name, int from, int to) {
        String n = Pattern.quote(name);
        Matcher m = Pattern.compile("(?is)(?:\\bset\\s+" + n + "\\s*=|(?<![\\w@$])" + n + "\\s*:=)").matcher(maskedText())
                .region(from, to);
        if (!m.find()) {
            return null;
        }
        int end = argumentEnd(m.end());
        return end > m.end() ? new Span(m.end(), end) : null;
    }

    /** The last {@code SET name =}, {@code name :=}, {@code LET name :=} or {@code DECLARE name ... DEFAULT} before {@code before}. */
    private Span assignment(String name, int before) {
        String n = Pattern.quote(name.strip());
        Pattern p = Pattern.compile("(?is)(?:\\bset\\s+" + n + "\\s*=|\\blet\\s+" + n + "\\b[^;=]*?:?=|(?<![\\w@$])" + n
                + "\\s*:=|\\bdeclare\\s+" + n + "\\b[^;]*?\\bdefault\\b)");
        int windowStart = Math.max(0, before - ASSIGNMENT_WINDOW);
        int windowEnd = Math.min(before, masked.length);
        Matcher m = p.matcher(new String(masked, windowStart, Math.max(0, windowEnd - windowStart)));
        int found = -1;
        while (m.find()) {
            found = windowStart + m.end();
        }
        if (found < 0) {
            return null;
        }
        int end = argumentEnd(found);
        return end > found ? new Span(found, end) : null;
    }

    // ---- lexical helpers over the masked text ----

    private int argumentEnd(int from) {
        int n = Math.min(masked.length, from + MAX_ARGUMENT);
        int depth = 0;
        int i = from;
        while (i < n) {
            char c = masked[i];
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(i);
                continue;
            }
            if (c == '$' && dollarQuoteEnd(i) > 0) {
                i = dollarQuoteEnd(i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ';' && depth == 0) {
                return i;
            } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !isWord(masked[i - 1]))) {
                String w = wordAt(i).toLowerCase(Locale.ROOT);
                if (w.equals("using") || w.equals("into") || w.equals("end") || w.equals("execute") || w.equals("return")) {
                    return i;
                }
                i += Math.max(1, w.length());
                continue;
            } else if (c == '\n' && i + 1 < n && masked[i + 1] == '\n' && depth == 0) {
                return i; // a blank line ends a statement in practice
            }
            i++;
        }
        return i;
    }

    private int skipQuoted(int at) {
        int n = masked.length;
        char q = masked[at];
        boolean triple = q != '`' && at + 2 < n && masked[at + 1] == q && masked[at + 2] == q;
        int i = at + (triple ? 3 : 1);
        while (i < n) {
            char c = masked[i];
            if (c == '\\' && q != '`') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (triple) {
                    if (i + 2 < n && masked[i + 1] == q && masked[i + 2] == q) {
                        return i + 3;
                    }
                } else if (i + 1 < n && masked[i + 1] == q) {
                    i += 2; // doubled quote
                    continue;
                } else {
                    return i + 1;
                }
            }
            i++;
        }
        return n;
    }

    private int closing(int open) {
        int depth = 0;
        int n = Math.min(masked.length, open + MAX_ARGUMENT);
        int i = open;
        while (i < n) {
            char c = masked[i];
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(i);
                continue;
            }
            if (c == '$' && dollarQuoteEnd(i) > 0) {
                i = dollarQuoteEnd(i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return n;
    }

    /** Splits [start, end) at depth-0 separators: ',' or '+' as given, '|' meaning the {@code ||} operator. */
    private List<Span> split(int start, int end, char sep) {
        List<Span> out = new ArrayList<>();
        int depth = 0;
        int from = start;
        int i = start;
        int stop = Math.min(end, masked.length);
        while (i < stop) {
            char c = masked[i];
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(i);
                continue;
            }
            if (c == '$' && dollarQuoteEnd(i) > 0) {
                i = dollarQuoteEnd(i);
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && c == sep) {
                if (sep == '|') {
                    if (i + 1 < stop && masked[i + 1] == '|') {
                        out.add(new Span(from, i));
                        i += 2;
                        from = i;
                        continue;
                    }
                } else {
                    out.add(new Span(from, i));
                    from = i + 1;
                }
            }
            i++;
        }
        out.add(new Span(from, Math.max(from, stop)));
        return out;
    }

    private Span trim(Span s) {
        int a = s.start();
        int b = Math.min(s.end(), masked.length);
        while (a < b && Character.isWhitespace(masked[a])) {
            a++;
        }
        while (b > a && Character.isWhitespace(masked[b - 1])) {
            b--;
        }
        return new Span(a, b);
    }

    private boolean isStringLiteral(Span raw) {
        Span s = trim(raw);
        if (s.end() - s.start() < 2) {
            return false;
        }
        char q = masked[s.start()];
        return (q == '\'' || q == '"') && skipQuoted(s.start()) == s.end()
                || q == '$' && dollarQuoteEnd(s.start()) == s.end();
    }

    private boolean isPlaceholderOnly(Span s) {
        return s.end() - s.start() == 1 && masked[s.start()] == PLACEHOLDER;
    }

    private boolean isIdentifier(Span raw) {
        Span s = trim(raw);
        if (s.end() <= s.start()) {
            return false;
        }
        for (int i = s.start(); i < s.end(); i++) {
            char c = masked[i];
            if (!isWord(c) && c != '@' && c != ':' && c != '.' && c != '$') {
                return false;
            }
        }
        return true;
    }

    private boolean isNumber(Span s) {
        String t = text(s).strip();
        return !t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private String functionName(Span raw) {
        Span s = trim(raw);
        int i = s.start();
        while (i < s.end() && (isWord(masked[i]) || masked[i] == '.')) {
            i++;
        }
        int j = i;
        while (j < s.end() && Character.isWhitespace(masked[j])) {
            j++;
        }
        if (i == s.start() || j >= s.end() || masked[j] != '(' || closing(j) != s.end() - 1) {
            return "";
        }
        String name = new String(masked, s.start(), i - s.start()).toLowerCase(Locale.ROOT);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private int openParen(Span s) {
        int i = s.start();
        while (i < s.end() && masked[i] != '(') {
            i++;
        }
        return i;
    }

    private String unquote(Span raw) {
        Span s = trim(raw);
        String t = text(s);
        if (t.startsWith("$") && dollarQuoteEnd(s.start()) == s.end()) {
            int tag = t.indexOf('$', 1) + 1;
            return t.substring(tag, t.length() - tag);
        }
        return t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
    }

    private String wordAt(int i) {
        int j = i;
        while (j < masked.length && isWord(masked[j])) {
            j++;
        }
        return new String(masked, i, Math.max(0, j - i)).toLowerCase(Locale.ROOT);
    }

    private int skipSpace(int i) {
        int j = i;
        while (j < masked.length && Character.isWhitespace(masked[j])) {
            j++;
        }
        return j;
    }

    private int indexOf(String s, int from) {
        outer:
        for (int i = from; i + s.length() <= masked.length; i++) {
            for (int k = 0; k < s.length(); k++) {
                if (masked[i + k] != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String text(Span s) {
        int a = Math.max(0, Math.min(s.start(), masked.length));
        int b = Math.max(a, Math.min(s.end(), masked.length));
        return new String(masked, a, b - a).replace(PLACEHOLDER, '…');
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String shorten(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "…" : one;
    }

    private void report(int offset, String message) {
        report(offset, message, false);
    }

    private void report(int offset, String message, boolean readFromDatabase) {
        int line = lines.line(offset);
        if (reported.add(line + ":" + message)) {
            Finding f = Finding.of(ConcatenatedDynamicSql.META, path, Region.line(line), readFromDatabase
                    ? message + " The value is one the script read from the database (graded info: second-order, "
                    + "no caller's input reaches it; quote it with the engine's function all the same)." : message);
            // issue 16: on real repositories every such finding was an admin script looping over its own catalog
            // (0 of 5 judged true at medium): kept visible in JSON/SARIF, below every threshold
            findings.add(readFromDatabase ? f.withSeverity(dev.lastmile.core.model.Severity.INFO) : f);
        }
    }
}
