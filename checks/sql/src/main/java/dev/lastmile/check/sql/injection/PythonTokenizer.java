package dev.lastmile.check.sql.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, forgiving Python tokenizer: names, numbers, operators, strings (every prefix, single and triple quotes,
 * raw, f-strings with their {@code {expression}} parts), comments dropped, and a NEWLINE token at the end of each
 * logical line (newlines inside brackets or after a backslash do not end a statement). It never throws and always
 * advances, so arbitrary bytes cost linear time; an unterminated string is noted in {@link #problems()}.
 */
final class PythonTokenizer {

    enum Type { NAME, NUMBER, STRING, OP, NEWLINE }

    /** An f-string's {@code {expression}} part: its source text and the 1-based line it starts on. */
    record Interpolation(String text, int line) {
    }

    /**
     * One token. For strings, {@code text} is the body between the quotes, {@code prefix} the lower-case prefix
     * ({@code f}, {@code rb}, ...) and {@code interpolations} the f-string's expressions.
     */
    record Token(Type type, String text, int line, int column, String prefix, List<Interpolation> interpolations) {
        boolean is(String op) {
            return (type == Type.OP || type == Type.NAME) && text.equals(op);
        }

        boolean isFString() {
            return type == Type.STRING && prefix.indexOf('f') >= 0;
        }
    }

    private static final String[] TWO_CHAR_OPS = {"**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
            "|=", "&=", "->", ":=", "<<", ">>"};

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    private PythonTokenizer(String src) {
        this.src = src;
    }

    static PythonTokenizer tokenize(String src) {
        PythonTokenizer t = new PythonTokenizer(src);
        t.run();
        return t;
    }

    List<Token> tokens() {
        return tokens;
    }

    List<String> problems() {
        return problems;
    }

    private void run() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '#') {
                while (pos < n && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < n && (src.charAt(pos + 1) == '\n' || src.charAt(pos + 1) == '\r')) {
                pos++;
                newline();
            } else if (c == '\n' || c == '\r') {
                if (depth == 0) {
                    endStatement();
                }
                newline();
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '"' || c == '\'') {
                string("", pos);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = pos;
                while (pos < n && Character.isJavaIdentifierPart(src.charAt(pos))) {
                    pos++;
                }
                String word = src.substring(start, pos);
                if (pos < n && (src.charAt(pos) == '"' || src.charAt(pos) == '\'') && isStringPrefix(word)) {
                    string(word.toLowerCase(java.util.Locale.ROOT), start);
                } else {
                    add(Type.NAME, word, start);
                }
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1)))) {
                int start = pos;
                while (pos < n && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '.')) {
                    pos++;
                }
                add(Type.NUMBER, src.substring(start, pos), start);
            } else {
                int start = pos;
                String op = String.valueOf(c);
                if (pos + 1 < n) {
                    String two = src.substring(pos, pos + 2);
                    for (String o : TWO_CHAR_OPS) {
                        if (o.equals(two)) {
                            op = two;
                            break;
                        }
                    }
                }
                pos += op.length();
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
                add(Type.OP, op, start);
            }
        }
        endStatement();
    }

    private static boolean isStringPrefix(String w) {
        String p = w.toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "r", "u", "b", "f", "br", "rb", "fr", "rf", "t", "tr", "rt" -> true;
            default -> false;
        };
    }

    private void newline() {
        char c = src.charAt(pos);
        pos++;
        if (c == '\r' && pos < src.length() && src.charAt(pos) == '\n') {
            pos++;
        }
        line++;
        lineStart = pos;
    }

    private void endStatement() {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).type() != Type.NEWLINE) {
            tokens.add(new Token(Type.NEWLINE, "", line, 0, "", List.of()));
        }
    }

    private void add(Type type, String text, int start) {
        tokens.add(new Token(type, text, line, start - lineStart, "", List.of()));
    }

    /** Reads a string starting at the quote at {@code pos}; {@code start} is where its prefix began. */
    private void string(String prefix, int start) {
        int n = src.length();
        int startLine = line;
        int column = start - lineStart;
        char q = src.charAt(pos);
        boolean triple = pos + 2 < n && src.charAt(pos + 1) == q && src.charAt(pos + 2) == q;
        boolean fString = prefix.indexOf('f') >= 0 || prefix.indexOf('t') >= 0;
        pos += triple ? 3 : 1;
        StringBuilder body = new StringBuilder();
        List<Interpolation> parts = new ArrayList<>();
        while (true) {
            if (pos >= n) {
                problems.add("unterminated string starting on line " + startLine);
                break;
            }
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < n) {
                char next = src.charAt(pos + 1);
                body.append(c).append(next);
                pos += 2;
                if (next == '\r' && pos < n && src.charAt(pos) == '\n') {
                    pos++;
                }
                if (next == '\n' || next == '\r') {
                    line++;
                    lineStart = pos;
                }
                continue;
            }
            if (c == q && (!triple || (pos + 2 < n && src.charAt(pos + 1) == q && src.charAt(pos + 2) == q))) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n' || c == '\r') {
                if (!triple) {
                    problems.add("unterminated string on line " + startLine);
                    break;
                }
                body.append(c);
                newline();
                continue;
            }
            if (fString && c == '{') {
                if (pos + 1 < n && src.charAt(pos + 1) == '{') {
                    body.append("{{");
                    pos += 2;
                    continue;
                }
                int exprLine = line;
                String expr = interpolation(q, triple);
                parts.add(new Interpolation(expr, exprLine));
                body.append('{').append(expr).append('}');
                continue;
            }
            body.append(c);
            pos++;
        }
        tokens.add(new Token(Type.STRING, body.toString(), startLine, column, prefix, List.copyOf(parts)));
    }

    /**
     * Reads an f-string's {@code {expression}} from the brace at {@code pos} to its closing brace, skipping nested
     * brackets and strings; returns the expression without conversion or format spec.
     */
    private String interpolation(char outerQuote, boolean outerTriple) {
        int n = src.length();
        pos++; // the brace
        int start = pos;
        int end = -1;
        int nest = 0;
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\'' || c == '"') {
                if (c == outerQuote && !outerTriple) {
                    // Before Python 3.12 the outer quote ends the string; treat it as the end of this part.
                    break;
                }
                char q = c;
                pos++;
                while (pos < n && src.charAt(pos) != q && src.charAt(pos) != '\n') {
                    pos += src.charAt(pos) == '\\' ? 2 : 1;
                }
                pos++;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (!outerTriple) {
                    break;
                }
                newline();
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                nest++;
            } else if (c == ')' || c == ']') {
                nest = Math.max(0, nest - 1);
            } else if (c == '}') {
                if (nest == 0) {
                    if (end < 0) {
                        end = pos;
                    }
                    pos++;
                    break;
                }
                nest--;
            } else if (nest == 0 && end < 0 && (c == '!' && pos + 1 < n && src.charAt(pos + 1) != '=' || c == ':')) {
                end = pos; // conversion or format spec follows
            }
            pos++;
        }
        int stop = Math.min(end < 0 ? pos : end, n);
        return start <= stop ? src.substring(start, stop).strip() : "";
    }
}
