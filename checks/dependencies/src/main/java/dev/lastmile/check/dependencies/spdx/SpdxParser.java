package dev.lastmile.check.dependencies.spdx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent parser for SPDX license expressions. Precedence, tightest first: {@code +}, {@code WITH},
 * {@code AND}, {@code OR}; parentheses group. Operators are accepted in any case (registries publish
 * {@code "MIT or Apache-2.0"}). Deprecated ids are normalised ({@code GPL-2.0+} to {@code GPL-2.0-or-later},
 * {@code GPL-2.0} to {@code GPL-2.0-only}, {@code GPL-2.0-with-classpath-exception} to
 * {@code GPL-2.0-only WITH Classpath-exception-2.0}) so the policy sees one spelling.
 */
public final class SpdxParser {

    /** Nesting deeper than this is refused rather than risking the stack on hostile input. */
    private static final int MAX_DEPTH = 64;
    private static final int MAX_LENGTH = 4096;

    private static final Map<String, String> DEPRECATED_WITH = Map.of(
            "GPL-2.0-WITH-CLASSPATH-EXCEPTION", "Classpath-exception-2.0",
            "GPL-2.0-WITH-AUTOCONF-EXCEPTION", "Autoconf-exception-2.0",
            "GPL-2.0-WITH-BISON-EXCEPTION", "Bison-exception-2.2",
            "GPL-2.0-WITH-FONT-EXCEPTION", "Font-exception-2.0",
            "GPL-2.0-WITH-GCC-EXCEPTION", "GCC-exception-2.0",
            "GPL-3.0-WITH-AUTOCONF-EXCEPTION", "Autoconf-exception-3.0",
            "GPL-3.0-WITH-GCC-EXCEPTION", "GCC-exception-3.1");

    private final List<String> tokens;
    private int pos;
    private int depth;

    private SpdxParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code text}; throws {@link SpdxParseException} with a short reason when it is not an expression. */
    public static SpdxExpression parse(String text) throws SpdxParseException {
        if (text == null || text.isBlank()) {
            throw new SpdxParseException("empty license expression");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SpdxParseException("license expression longer than " + MAX_LENGTH + " characters");
        }
        SpdxParser p = new SpdxParser(tokenize(text));
        SpdxExpression e = p.or();
        if (p.pos < p.tokens.size()) {
            throw new SpdxParseException("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return e;
    }

    private static List<String> tokenize(String text) throws SpdxParseException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '+') {
                out.add(String.valueOf(c));
                i++;
            } else if (isIdChar(c)) {
                int start = i;
                while (i < text.length() && (isIdChar(text.charAt(i)) || text.charAt(i) == ':')) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                throw new SpdxParseException("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    private SpdxExpression or() throws SpdxParseException {
        List<SpdxExpression> terms = new ArrayList<>();
        terms.add(and());
        while (isOperator("OR")) {
            pos++;
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new SpdxExpression.Or(List.copyOf(terms));
    }

    private SpdxExpression and() throws SpdxParseException {
        List<SpdxExpression> terms = new ArrayList<>();
        terms.add(with());
        while (isOperator("AND")) {
            pos++;
            terms.add(with());
        }
        return terms.size() == 1 ? terms.get(0) : new SpdxExpression.And(List.copyOf(terms));
    }

    private SpdxExpression with() throws SpdxParseException {
        SpdxExpression simple = primary();
        if (isOperator("WITH")) {
            pos++;
            if (!(simple instanceof SpdxExpression.License license)) {
                throw new SpdxParseException("WITH must follow a single license");
            }
            String exception = next("a license exception after WITH");
            if (isKeyword(exception) || exception.equals("(") || exception.equals(")") || exception.equals("+")) {
                throw new SpdxParseException("expected a license exception after WITH, found '" + exception + "'");
            }
            return new SpdxExpression.With(license, exception);
        }
        return simple;
    }

    private SpdxExpression primary() throws SpdxParseException {
        String t = next("a license");
        if (t.equals("(")) {
            if (++depth > MAX_DEPTH) {
                throw new SpdxParseException("parentheses nested deeper than " + MAX_DEPTH);
            }
            SpdxExpression inner = or();
            depth--;
            if (!")".equals(next("')'"))) {
                throw new SpdxParseException("expected ')'");
            }
            return inner;
        }
        if (t.equals(")") || t.equals("+") || isKeyword(t)) {
            throw new SpdxParseException("expected a license, found '" + t + "'");
        }
        boolean plus = pos < tokens.size() && tokens.get(pos).equals("+");
        if (plus) {
            pos++;
        }
        return normalize(t, plus);
    }

    /** Current spelling for deprecated ids; a deprecated "-with-...-exception" id becomes a WITH expression. */
    static SpdxExpression normalize(String id, boolean plus) {
        String upper = id.toUpperCase(Locale.ROOT);
        String exception = DEPRECATED_WITH.get(upper);
        if (exception != null) {
            return new SpdxExpression.With(new SpdxExpression.License(id.substring(0, 7) + "-only", false), exception);
        }
        if (id.endsWith("+")) {
            id = id.substring(0, id.length() - 1);
            plus = true;
        }
        if (upper.matches("(A|L)?GPL-[0-9]\\.[0-9]") || upper.matches("GFDL-1\\.[1-3]")) {
            return new SpdxExpression.License(id + (plus ? "-or-later" : "-only"), false);
        }
        return new SpdxExpression.License(id, plus);
    }

    private boolean isOperator(String op) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(op);
    }

    private static boolean isKeyword(String t) {
        return t.equalsIgnoreCase("AND") || t.equalsIgnoreCase("OR") || t.equalsIgnoreCase("WITH");
    }

    private String next(String expected) throws SpdxParseException {
        if (pos >= tokens.size()) {
            throw new SpdxParseException("expression ends where " + expected + " was expected");
        }
        return tokens.get(pos++);
    }
}
