package dev.lastmile.check.sql.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges where each spliced value lands in a piece of SQL text: inside a string literal, inside a quoted name, in a
 * comment, bare where SQL expects a name, or bare where it expects a value. The SQL is a sequence of literal text and
 * opaque values ({@link Part}), as a Jinja template or a concatenation produces it. Understands {@code '...'} with
 * {@code ''} and backslash escapes, {@code "..."} and backticks, {@code --}, {@code #} and block comments.
 */
final class SqlContext {

    /**
     * Where a value lands. {@code COMPARED} is a value right after a comparison, {@code in (}, {@code like},
     * {@code limit}, {@code values (}: the classic {@code where id = <value>} shape; {@code VALUE} any other bare
     * value position (function arguments, select lists).
     */
    enum Position { STRING, QUOTED_NAME, COMMENT, NAME, COMPARED, VALUE }

    sealed interface Part permits Lit, Val {
    }

    record Lit(String text) implements Part {
    }

    record Val(Taint taint) implements Part {
    }

    private enum State { NORMAL, SQUOTE, DQUOTE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    /** Words after which SQL expects a name rather than a value. */
    private static final Set<String> NAME_KEYWORDS = Set.of("from", "join", "into", "update", "table", "view", "as",
            "exists", "schema", "database", "truncate", "by", "select", "distinct", "describe", "relation", "call",
            "procedure", "function", "merge", "using", "drop", "alter", "clone", "stage", "warehouse", "role", "to",
            // MODIFY COLUMN x, SET TAG x, UNSET TAG x: Snowflake DDL names a column or a tag here
            "column", "tag");
    /** Words after which (optionally with an opening parenthesis) a value is compared or bounded. */
    private static final Set<String> COMPARING_WORDS = Set.of("in", "like", "ilike", "limit", "offset", "interval",
            "between", "values");

    private SqlContext() {
    }

    /** The position of every {@link Val} in {@code parts}, in order. */
    static List<Position> classify(List<Part> parts) {
        List<Position> out = new ArrayList<>();
        State state = State.NORMAL;
        StringBuilder tail = new StringBuilder(); // recent text outside quotes and comments
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            if (part instanceof Val) {
                out.add(switch (state) {
                    case SQUOTE -> Position.STRING;
                    case DQUOTE, BACKTICK -> Position.QUOTED_NAME;
                    case LINE_COMMENT, BLOCK_COMMENT -> Position.COMMENT;
                    case NORMAL -> bare(tail, k + 1 < parts.size() ? parts.get(k + 1) : null);
                });
                if (state == State.NORMAL) {
                    append(tail, "v");
                }
                continue;
            }
            String s = ((Lit) part).text();
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : nextChar(parts, k);
                switch (state) {
                    case NORMAL -> {
                        if (c == '\'') {
                            state = State.SQUOTE;
                            append(tail, "'");
                        } else if (c == '"') {
                            state = State.DQUOTE;
                            append(tail, "\"");
                        } else if (c == '`') {
                            state = State.BACKTICK;
                            append(tail, "`");
                        } else if (c == '-' && next == '-') {
                            state = State.LINE_COMMENT;
                            i++;
                        } else if (c == '#' && next != '>' && next != '-') {
                            state = State.LINE_COMMENT; // BigQuery/MySQL comment; #> #>> #- are PostgreSQL JSON operators
                        } else if (c == '/' && next == '*') {
                            state = State.BLOCK_COMMENT;
                            i++;
                        } else {
                            append(tail, String.valueOf(c));
                        }
                    }
                    case SQUOTE -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '\'') {
                            state = State.NORMAL; // a doubled '' reopens right away
                        }
                    }
                    case DQUOTE -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '"') {
                            state = State.NORMAL;
                        }
                    }
                    case BACKTICK -> {
                        if (c == '`') {
                            state = State.NORMAL;
                        }
                    }
                    case LINE_COMMENT -> {
                        if (c == '\n' || c == '\r') {
                            state = State.NORMAL;
                            append(tail, "\n");
                        }
                    }
                    case BLOCK_COMMENT -> {
                        if (c == '*' && next == '/') {
                            state = State.NORMAL;
                            i++;
                            append(tail, " ");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** True when the comma at {@code comma} is inside {@code in ( ... ,}: another element of an IN list. */
    private static boolean insideInList(StringBuilder tail, int comma) {
        int depth = 0;
        for (int i = comma - 1; i >= 0; i--) {
            char c = tail.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth-- == 0) {
                    int e = i;
                    while (e > 0 && Character.isWhitespace(tail.charAt(e - 1))) {
                        e--;
                    }
                    return e >= 2 && tail.substring(e - 2, e).equalsIgnoreCase("in") && (e == 2 || !isWordChar(tail.charAt(e - 3)));
                }
            }
        }
        return false;
    }

    private static char nextChar(List<Part> parts, int k) {
        if (k + 1 < parts.size() && parts.get(k + 1) instanceof Lit l && !l.text().isEmpty()) {
            return l.text().charAt(0);
        }
        return '\0';
    }

    private static void append(StringBuilder tail, String s) {
        tail.append(s);
        if (tail.length() > 120) {
            tail.delete(0, tail.length() - 80);
        }
    }

    private static Position bare(StringBuilder tail, Part next) {
        if (next instanceof Val) {
            return Position.NAME; // two values glued together form one name
        }
        if (next instanceof Lit l && !l.text().isEmpty()) {
            char c = l.text().charAt(0);
            if (c == '.' || Character.isLetterOrDigit(c) || c == '_') {
                return Position.NAME;
            }
        }
        if (!tail.isEmpty()) {
            char last = tail.charAt(tail.length() - 1);
            if (last == '.' || Character.isLetterOrDigit(last) || last == '_') {
                return Position.NAME;
            }
        }
        // Scan backwards by hand: a regular expression anchored at the end would retry every start position.
        int end = tail.length();
        while (end > 0 && Character.isWhitespace(tail.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return Position.VALUE;
        }
        char last = tail.charAt(end - 1);
        if (last == '=' || last == '<' || last == '>') {
            return Position.COMPARED;
        }
        boolean paren = last == '(';
        boolean comma = last == ',';
        int wordEnd = paren || comma ? end - 1 : end;
        while (wordEnd > 0 && Character.isWhitespace(tail.charAt(wordEnd - 1))) {
            wordEnd--;
        }
        int wordStart = wordEnd;
        while (wordStart > 0 && isWordChar(tail.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = tail.substring(wordStart, wordEnd).toLowerCase(Locale.ROOT);
        if (!paren && !comma && NAME_KEYWORDS.contains(word)) {
            return Position.NAME;
        }
        if (!comma && COMPARING_WORDS.contains(word)) {
            return Position.COMPARED;
        }
        if (comma && insideInList(tail, end - 1)) {
            return Position.COMPARED;
        }
        return Position.VALUE;
    }
}
