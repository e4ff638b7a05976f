package dev.lastmile.check.residency.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, careful reader of HCL (Terraform's language) that keeps line numbers: blocks with their labels,
 * attributes with their raw expression, and the value of literal strings, numbers, booleans and object literals
 * ({@code labels = { residency = "eu" }}). Everything else (function calls, conditionals, for-expressions) stays an
 * opaque expression, which is all the residency check needs. Malformed input throws {@link HclException} with the
 * line; it never hangs (a single forward pass) and nesting is bounded.
 *
 * <p>Why not hcl4j: it returns plain maps without line numbers (a finding must point at the {@code location} line)
 * and pulls an HTTP client and commons libraries into every Lambda jar.
 */
public final class Hcl {

    public static final int MAX_DEPTH = 64;

    /** Malformed HCL, at a 1-based line. */
    public static final class HclException extends Exception {
        private final int line;

        public HclException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * An expression as written. {@code literal} is the value of a string without interpolation, a number or a bool;
     * {@code template} the text of a string with {@code ${...}}; {@code object} the entries of an object literal.
     */
    public record Expr(String raw, String literal, String template, Map<String, Expr> object, int line) {
        public Optional<String> literalValue() {
            return Optional.ofNullable(literal);
        }
    }

    public record Attribute(String name, Expr value, int line) {
    }

    public record Block(String type, List<String> labels, Body body, int line) {
        public String label(int i) {
            return i < labels.size() ? labels.get(i) : "";
        }
    }

    public record Body(List<Attribute> attributes, List<Block> blocks) {
        public Optional<Attribute> attribute(String name) {
            for (Attribute a : attributes) {
                if (a.name().equals(name)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }

        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    private Hcl() {
    }

    public static Body parse(String text) throws HclException {
        List<Token> tokens = new Lexer(text).lex();
        Parser p = new Parser(text, tokens);
        Body body = p.body(0, false);
        return body;
    }

    // ------------------------------------------------------------------ lexer

    enum T { IDENT, STRING, NUMBER, HEREDOC, PUNCT, NEWLINE, EOF }

    record Token(T type, String text, String value, boolean interpolated, int line, int start, int end) {
    }

    private static final class Lexer {
        private final String s;
        private int i;
        private int line = 1;
        private final List<Token> out = new ArrayList<>();

        Lexer(String s) {
            this.s = s;
        }

        List<Token> lex() throws HclException {
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\n') {
                    out.add(new Token(T.NEWLINE, "\n", null, false, line, i, i + 1));
                    line++;
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
                    i++;
                } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && peek(1) == '*') {
                    int startLine = line;
                    i += 2;
                    while (i < n && !(s.charAt(i) == '*' && peek(1) == '/')) {
                        if (s.charAt(i) == '\n') {
                            line++;
                        }
                        i++;
                    }
                    if (i >= n) {
                        throw new HclException("unclosed /* comment", startLine);
                    }
                    i += 2;
                } else if (c == '"') {
                    string();
                } else if (c == '<' && peek(1) == '<' && (Character.isLetter(peek(2)) || (peek(2) == '-' && Character.isLetter(peek(3))))) {
                    heredoc();
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
                        i++;
                    }
                    out.add(new Token(T.IDENT, s.substring(start, i), s.substring(start, i), false, line, start, i));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token(T.NUMBER, s.substring(start, i), s.substring(start, i), false, line, start, i));
                } else {
                    out.add(new Token(T.PUNCT, String.valueOf(c), null, false, line, i, i + 1));
                    i++;
                }
            }
            out.add(new Token(T.EOF, "", null, false, line, n, n));
            return out;
        }

        private char peek(int k) {
            return i + k < s.length() ? s.charAt(i + k) : '\0';
        }

        private void string() throws HclException {
            int start = i;
            int startLine = line;
            StringBuilder v = new StringBuilder();
            boolean interpolated = false;
            i++;
            int depth = 0;
            while (true) {
                if (i >= s.length()) {
                    throw new HclException("unterminated string", startLine);
                }
                char c = s.charAt(i);
                if (depth == 0 && c == '"') {
                    i++;
                    break;
                }
                if (c == '\n' && depth == 0) {
                    throw new HclException("unterminated string (a newline inside quotes)", startLine);
                }
                if (c == '\n') {
                    line++;
                }
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(i + 1);
                    v.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> e;
                    });
                    i += 2;
                    continue;
                }
                if ((c == '$' || c == '%') && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                    interpolated = true;
                    depth++;
                    v.append(c).append('{');
                    i += 2;
                    continue;
                }
                if (depth > 0 && c == '}') {
                    depth--;
                } else if (depth > 0 && c == '{') {
                    depth++;
                } else if (depth > 0 && c == '"') {
                    // a string inside an interpolation: copy it whole
                    int close = s.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new HclException("unterminated string", startLine);
                    }
                    v.append(s, i, close + 1);
                    i = close + 1;
                    continue;
                }
                v.append(c);
                i++;
            }
            out.add(new Token(T.STRING, s.substring(start, i), v.toString(), interpolated, startLine, start, i));
        }

        private void heredoc() throws HclException {
            int start = i;
            int startLine = line;
            i += 2;
            if (s.charAt(i) == '-') {
                i++;
            }
            int idStart = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String id = s.substring(idStart, i);
            int nl = s.indexOf('\n', i);
            if (nl < 0) {
                throw new HclException("heredoc <<" + id + " without a body", startLine);
            }
            int pos = nl + 1;
            int bodyLines = 1;
            StringBuilder v = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new HclException("heredoc <<" + id + " is not closed", startLine);
                }
                int end = s.indexOf('\n', pos);
                String l = end < 0 ? s.substring(pos) : s.substring(pos, end);
                if (l.strip().equals(id)) {
                    i = end < 0 ? s.length() : end;
                    line += bodyLines;
                    break;
                }
                v.append(l).append('\n');
                bodyLines++;
                if (end < 0) {
                    throw new HclException("heredoc <<" + id + " is not closed", startLine);
                }
                pos = end + 1;
            }
            out.add(new Token(T.HEREDOC, s.substring(start, i), v.toString(), v.indexOf("${") >= 0, startLine, start, i));
        }
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        private final String text;
        private final List<Token> t;
        private int p;

        Parser(String text, List<Token> tokens) {
            this.text = text;
            this.t = tokens;
        }

        private Token peek() {
            return t.get(p);
        }

        private boolean punct(Token k, String c) {
            return k.type() == T.PUNCT && k.text().equals(c);
        }

        private void skipNewlines() {
            while (peek().type() == T.NEWLINE) {
                p++;
            }
        }

        Body body(int depth, boolean braced) throws HclException {
            if (depth > MAX_DEPTH) {
                throw new HclException("blocks nested deeper than " + MAX_DEPTH, peek().line());
            }
            List<Attribute> attrs = new ArrayList<>();
            List<Block> blocks = new ArrayList<>();
            while (true) {
                skipNewlines();
                Token k = peek();
                if (k.type() == T.EOF) {
                    if (braced) {
                        throw new HclException("a block is not closed with '}'", k.line());
                    }
                    return new Body(attrs, blocks);
                }
                if (punct(k, "}")) {
                    if (!braced) {
                        throw new HclException("unexpected '}'", k.line());
                    }
                    p++;
                    return new Body(attrs, blocks);
                }
                if (k.type() != T.IDENT && k.type() != T.STRING) {
                    throw new HclException("expected an attribute or block name, found '" + k.text() + "'", k.line());
                }
                p++;
                String name = k.type() == T.STRING ? k.value() : k.text();
                if (punct(peek(), "=") || punct(peek(), ":")) {
                    p++;
                    attrs.add(new Attribute(name, expression(depth), k.line()));
                    continue;
                }
                List<String> labels = new ArrayList<>();
                while (peek().type() == T.STRING || peek().type() == T.IDENT) {
                    labels.add(peek().type() == T.STRING ? peek().value() : peek().text());
                    p++;
                }
                if (!punct(peek(), "{")) {
                    throw new HclException("expected '=' or '{' after '" + name + "', found '" + peek().text() + "'", peek().line());
                }
                p++;
                blocks.add(new Block(name, labels, body(depth + 1, true), k.line()));
            }
        }

        /** An expression: tokens up to a newline (or ',' / '}' closing an enclosing object) at bracket depth 0. */
        Expr expression(int depth) throws HclException {
            skipNewlinesInsideNothing();
            int first = p;
            int level = 0;
            while (true) {
                Token k = peek();
                if (k.type() == T.EOF) {
                    if (level > 0) {
                        throw new HclException("unclosed bracket in an expression", t.get(first).line());
                    }
                    break;
                }
                if (level == 0 && (k.type() == T.NEWLINE || punct(k, "}") || punct(k, ","))) {
                    break;
                }
                if (punct(k, "{") || punct(k, "[") || punct(k, "(")) {
                    level++;
                    if (level > MAX_DEPTH * 4) {
                        throw new HclException("expression nested too deeply", k.line());
                    }
                } else if (punct(k, "}") || punct(k, "]") || punct(k, ")")) {
                    level--;
                }
                p++;
            }
            int last = p;
            if (last == first) {
                throw new HclException("an attribute without a value", peek().line());
            }
            Token f = t.get(first);
            String raw = text.substring(f.start(), t.get(last - 1).end());
            if (last - first == 1) {
                if ((f.type() == T.STRING || f.type() == T.HEREDOC) && !f.interpolated()) {
                    return new Expr(raw, f.value(), null, null, f.line());
                }
                if (f.type() == T.STRING || f.type() == T.HEREDOC) {
                    return new Expr(raw, null, f.value(), null, f.line());
                }
                if (f.type() == T.NUMBER || (f.type() == T.IDENT && (f.text().equals("true") || f.text().equals("false")))) {
                    return new Expr(raw, f.text(), null, null, f.line());
                }
            }
            if (punct(f, "{") && punct(t.get(last - 1), "}")) {
                Map<String, Expr> obj = object(first + 1, last - 1, depth + 1);
                return new Expr(raw, null, null, obj, f.line());
            }
            return new Expr(raw, null, null, null, f.line());
        }

        private void skipNewlinesInsideNothing() {
            // `x =` followed by a newline is an error in HCL; be lenient and read the value on the next line
            if (peek().type() == T.NEWLINE) {
                skipNewlines();
            }
        }

        /** Object literal entries between token indexes [from, to): key = value, separated by newlines or commas. */
        private Map<String, Expr> object(int from, int to, int depth) throws HclException {
            if (depth > MAX_DEPTH) {
                throw new HclException("object nested deeper than " + MAX_DEPTH, t.get(from).line());
            }
            Map<String, Expr> out = new LinkedHashMap<>();
            int saved = p;
            p = from;
            try {
                while (p < to) {
                    Token k = peek();
                    if (k.type() == T.NEWLINE || punct(k, ",")) {
                        p++;
                        continue;
                    }
                    if (k.type() != T.IDENT && k.type() != T.STRING) {
                        return null;   // a computed key or something else: leave the object opaque
                    }
                    p++;
                    if (!(punct(peek(), "=") || punct(peek(), ":"))) {
                        return null;
                    }
                    p++;
                    Expr v = expression(depth);
                    if (p > to) {
                        return null;
                    }
                    out.put(k.type() == T.STRING ? k.value() : k.text(), v);
                }
                return out;
            } finally {
                p = saved;
            }
        }
    }
}
