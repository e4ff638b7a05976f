package dev.lastmile.check.sql.injection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for Jinja expressions, enough to follow where values flow: names, literals, attribute and item
 * access, calls, filters, tests, the operators with Jinja's precedence, conditional expressions. It never throws: a
 * syntax it does not follow yields an {@link Opaque} node holding every name and call it saw, so the taint of
 * {@code var()} or a macro argument is still seen.
 */
final class JinjaExpr {

    sealed interface Node permits Name, Str, Const, Seq, Attr, Item, Call, Filter, Test, Binary, Unary, Cond, Opaque {
        int offset();
    }

    record Name(String id, int offset) implements Node {
    }

    record Str(String value, int offset) implements Node {
    }

    /** A number, boolean or none. */
    record Const(int offset) implements Node {
    }

    /** A list, tuple or dict (its values). */
    record Seq(List<Node> items, int offset) implements Node {
    }

    record Attr(Node target, String name, int offset) implements Node {
    }

    record Item(Node target, Node index, int offset) implements Node {
    }

    record Call(Node fn, List<Node> args, Map<String, Node> kwargs, int offset) implements Node {
    }

    record Filter(Node target, String name, List<Node> args, int offset) implements Node {
    }

    record Test(Node target, String name, boolean negated, List<Node> args, int offset) implements Node {
    }

    record Binary(String op, Node left, Node right, int offset) implements Node {
    }

    record Unary(String op, Node operand, int offset) implements Node {
    }

    record Cond(Node then, Node cond, Node otherwise, int offset) implements Node {
    }

    /** What could not be parsed: the names and calls in it, in order. */
    record Opaque(List<Node> parts, int offset) implements Node {
    }

    enum T { NAME, STR, NUM, OP, END }

    record Tok(T type, String text, int offset) {
        boolean is(String s) {
            return (type == T.OP || type == T.NAME) && text.equals(s);
        }
    }

    private static final class ParseError extends RuntimeException {
        ParseError() {
            super(null, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 100;

    private final List<Tok> toks;
    private int p;
    private int depth;

    private JinjaExpr(List<Tok> toks) {
        this.toks = toks;
    }

    /** Parses {@code src}, whose first character is at {@code base} in the file. */
    static Node parse(String src, int base) {
        List<Tok> toks = tokenize(src, base);
        return parseTokens(toks, 0, toks.size() - 1);
    }

    /** Parses tokens [from, to) (to excluding the END token). */
    static Node parseTokens(List<Tok> all, int from, int to) {
        List<Tok> toks = new ArrayList<>(all.subList(Math.max(0, from), Math.max(from, Math.min(to, all.size()))));
        int endOffset = toks.isEmpty() ? (all.isEmpty() ? 0 : all.get(all.size() - 1).offset()) : toks.get(toks.size() - 1).offset();
        toks.add(new Tok(T.END, "", endOffset));
        JinjaExpr parser = new JinjaExpr(toks);
        try {
            Node n = parser.expression();
            if (parser.peek().type() != T.END) {
                throw new ParseError();
            }
            return n;
        } catch (ParseError | StackOverflowError e) {
            return opaque(toks);
        }
    }

    static Node opaque(List<Tok> toks) {
        List<Node> parts = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.type() == T.NAME) {
                Node name = new Name(t.text(), t.offset());
                boolean call = i + 1 < toks.size() && toks.get(i + 1).is("(");
                parts.add(call ? new Call(name, List.of(), Map.of(), t.offset()) : name);
            } else if (t.type() == T.STR) {
                parts.add(new Str(t.text(), t.offset()));
            }
        }
        return new Opaque(parts, toks.isEmpty() ? 0 : toks.get(0).offset());
    }

    static List<Tok> tokenize(String src, int base) {
        List<Tok> out = new ArrayList<>();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && src.charAt(i) != c) {
                    char d = src.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = src.charAt(i + 1);
                        b.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> e;
                        });
                        i += 2;
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                i++;
                out.add(new Tok(T.STR, b.toString(), base + start));
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
                    i++;
                }
                out.add(new Tok(T.NAME, src.substring(start, i), base + start));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Tok(T.NUM, src.substring(start, i), base + start));
            } else {
                String two = i + 1 < n ? src.substring(i, i + 2) : "";
                String op = switch (two) {
                    case "**", "//", "==", "!=", "<=", ">=" -> two;
                    default -> String.valueOf(c);
                };
                out.add(new Tok(T.OP, op, base + i));
                i += op.length();
            }
        }
        out.add(new Tok(T.END, "", base + n));
        return out;
    }

    private Tok peek() {
        return toks.get(Math.min(p, toks.size() - 1));
    }

    private Tok peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private Tok next() {
        Tok t = peek();
        if (p < toks.size() - 1) {
            p++;
        }
        return t;
    }

    private void expect(String op) {
        if (!peek().is(op)) {
            throw new ParseError();
        }
        next();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ParseError();
        }
    }

    Node expression() {
        enter();
        try {
            Node then = or();
            if (peek().is("if")) {
                int at = next().offset();
                Node cond = or();
                Node otherwise = null;
                if (peek().is("else")) {
                    next();
                    otherwise = expression();
                }
                return new Cond(then, cond, otherwise, at);
            }
            return then;
        } finally {
            depth--;
        }
    }

    private Node or() {
        Node left = and();
        while (peek().is("or")) {
            int at = next().offset();
            left = new Binary("or", left, and(), at);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("and")) {
            int at = next().offset();
            left = new Binary("and", left, not(), at);
        }
        return left;
    }

    private Node not() {
        if (peek().is("not")) {
            int at = next().offset();
            enter();
            try {
                return new Unary("not", not(), at);
            } finally {
                depth--;
            }
        }
        return compare();
    }

    private Node compare() {
        Node left = math1();
        while (true) {
            Tok t = peek();
            if (t.is("==") || t.is("!=") || t.is("<") || t.is(">") || t.is("<=") || t.is(">=") || t.is("in")) {
                next();
                left = new Binary(t.text(), left, math1(), t.offset());
            } else if (t.is("not") && peek(1).is("in")) {
                next();
                next();
                left = new Binary("not in", left, math1(), t.offset());
            } else {
                return left;
            }
        }
    }

    private Node math1() {
        Node left = concat();
        while (peek().is("+") || peek().is("-")) {
            Tok t = next();
            left = new Binary(t.text(), left, concat(), t.offset());
        }
        return left;
    }

    private Node concat() {
        Node left = math2();
        while (peek().is("~")) {
            Tok t = next();
            left = new Binary("~", left, math2(), t.offset());
        }
        return left;
    }

    private Node math2() {
        Node left = pow();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
            Tok t = next();
            left = new Binary(t.text(), left, pow(), t.offset());
        }
        return left;
    }

    private Node pow() {
        Node left = unary();
        while (peek().is("**")) {
            Tok t = next();
            left = new Binary("**", left, unary(), t.offset());
        }
        return left;
    }

    private Node unary() {
        enter();
        try {
            if (peek().is("-") || peek().is("+")) {
                Tok t = next();
                return filters(new Unary(t.text(), unary(), t.offset()));
            }
            return filters(postfix(primary()));
        } finally {
            depth--;
        }
    }

    private Node filters(Node target) {
        Node n = target;
        while (true) {
            if (peek().is("|")) {
                next();
                Tok name = dottedName();
                List<Node> args = new ArrayList<>();
                if (peek().is("(")) {
                    Call call = callArgs(n, name.offset());
                    args.addAll(call.args());
                    args.addAll(call.kwargs().values());
                }
                n = postfix(new Filter(n, name.text(), args, name.offset()));
            } else if (peek().is("is")) {
                int at = next().offset();
                boolean negated = false;
                if (peek().is("not")) {
                    next();
                    negated = true;
                }
                Tok name = dottedName();
                List<Node> args = new ArrayList<>();
                if (peek().is("(")) {
                    args.addAll(callArgs(n, name.offset()).args());
                } else if (peek().type() == T.STR || peek().type() == T.NUM) {
                    args.add(primary());
                }
                n = new Test(n, name.text(), negated, args, at);
            } else {
                return n;
            }
        }
    }

    private Tok dottedName() {
        Tok t = next();
        if (t.type() != T.NAME) {
            throw new ParseError();
        }
        StringBuilder b = new StringBuilder(t.text());
        while (peek().is(".") && peek(1).type() == T.NAME) {
            next();
            b.append('.').append(next().text());
        }
        return new Tok(T.NAME, b.toString(), t.offset());
    }

    private Node postfix(Node target) {
        Node n = target;
        while (true) {
            Tok t = peek();
            if (t.is(".")) {
                next();
                Tok name = next();
                if (name.type() != T.NAME && name.type() != T.NUM) {
                    throw new ParseError();
                }
                n = new Attr(n, name.text(), name.offset());
            } else if (t.is("[")) {
                next();
                Node index = peek().is(":") ? new Const(t.offset()) : expression();
                while (peek().is(":")) {
                    next();
                    if (!peek().is("]") && !peek().is(":")) {
                        expression();
                    }
                }
                expect("]");
                n = new Item(n, index, t.offset());
            } else if (t.is("(")) {
                n = callArgs(n, t.offset());
            } else {
                return n;
            }
        }
    }

    private Call callArgs(Node fn, int at) {
        expect("(");
        List<Node> args = new ArrayList<>();
        Map<String, Node> kwargs = new LinkedHashMap<>();
        while (!peek().is(")")) {
            if (peek().type() == T.END) {
                throw new ParseError();
            }
            if (peek().is("*") || peek().is("**")) {
                next();
            }
            if (peek().type() == T.NAME && peek(1).is("=")) {
                String key = next().text();
                next();
                kwargs.put(key, expression());
            } else {
                args.add(expression());
            }
            if (peek().is(",")) {
                next();
            } else if (!peek().is(")")) {
                throw new ParseError();
            }
        }
        next();
        return new Call(fn, args, kwargs, at);
    }

    private Node primary() {
        Tok t = next();
        switch (t.type()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "false", "none", "True", "False", "None" -> new Const(t.offset());
                    default -> new Name(t.text(), t.offset());
                };
            }
            case STR -> {
                StringBuilder b = new StringBuilder(t.text());
                while (peek().type() == T.STR) {
                    b.append(next().text()); // adjacent literals concatenate
                }
                return new Str(b.toString(), t.offset());
            }
            case NUM -> {
                return new Const(t.offset());
            }
            case OP -> {
                if (t.is("(")) {
                    if (peek().is(")")) {
                        next();
                        return new Seq(List.of(), t.offset());
                    }
                    Node first = expression();
                    if (peek().is(")")) {
                        next();
                        return first;
                    }
                    List<Node> items = new ArrayList<>(List.of(first));
                    while (peek().is(",")) {
                        next();
                        if (peek().is(")")) {
                            break;
                        }
                        items.add(expression());
                    }
                    expect(")");
                    return new Seq(items, t.offset());
                }
                if (t.is("[") || t.is("{")) {
                    String close = t.is("[") ? "]" : "}";
                    List<Node> items = new ArrayList<>();
                    while (!peek().is(close)) {
                        if (peek().type() == T.END) {
                            throw new ParseError();
                        }
                        Node item = expression();
                        if (peek().is(":")) {
                            next();
                            item = expression(); // a dict: keep the value
                        }
                        items.add(item);
                        if (peek().is(",")) {
                            next();
                        } else if (!peek().is(close)) {
                            throw new ParseError();
                        }
                    }
                    next();
                    return new Seq(items, t.offset());
                }
                throw new ParseError();
            }
            default -> throw new ParseError();
        }
    }
}
