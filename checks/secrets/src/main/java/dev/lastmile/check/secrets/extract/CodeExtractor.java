package dev.lastmile.check.secrets.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python and other C-like source, read at token level: a string literal counts when it is the whole value
 * assigned to, or passed as, a name ({@code password = "..."}, {@code connect(password="...")},
 * {@code {"password": "..."}}, {@code env["PASSWORD"] = "..."}, {@code .option("password", "...")}, a
 * {@code getenv("PASSWORD", "...")} default). A literal that is only part of an expression (concatenated, formatted,
 * an f-string with placeholders) is not a value on its own and is left to the provider detectors.
 */
public final class CodeExtractor implements Extractor {

    /** Calls whose first string argument names the second: {@code .option("password", "...")}. */
    private static final Set<String> NAMING_CALLS = Set.of("option", "set", "put", "setdefault", "setProperty",
            "setenv", "putenv", "setConf", "config", "get", "getenv", "getOrDefault", "add", "header", "setHeader",
            "with_option", "Variable", "property", "setOption", "putIfAbsent", "environ");

    /** Type names between a name and its value: {@code password: str = "..."}, {@code String password = "..."}. */
    private static final Set<String> TYPE_NAMES = Set.of("str", "string", "String", "SecretStr", "bytes", "Optional",
            "const", "final", "var", "let", "val", "char");

    private final boolean hashComments;
    private final boolean slashComments;
    private final String name;

    public CodeExtractor(String name, boolean hashComments, boolean slashComments) {
        this.name = name;
        this.hashComments = hashComments;
        this.slashComments = slashComments;
    }

    public static CodeExtractor python() {
        return new CodeExtractor("python", true, false);
    }

    /** JavaScript, TypeScript, Java, Scala, Kotlin, Go, C#: {@code //} and {@code /* *}{@code /} comments. */
    public static CodeExtractor cLike() {
        return new CodeExtractor("c-like", false, true);
    }

    /** Ruby, R, Julia, PHP, Perl: {@code #} comments. */
    public static CodeExtractor hashCommented() {
        return new CodeExtractor("scripting", true, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean fileRequired(String path) {
        return switch (name) {
            case "python" -> Extractor.hasExtension(path, "py", "pyw", "pyi", "wsgi");
            case "c-like" -> Extractor.hasExtension(path, "js", "mjs", "cjs", "ts", "tsx", "jsx", "java", "scala", "sc",
                    "kt", "kts", "go", "cs", "groovy", "gradle", "rs", "swift", "c", "cc", "cpp", "h", "dart");
            default -> Extractor.hasExtension(path, "rb", "r", "jl", "php", "pl", "pm", "ex", "exs", "nix");
        };
    }

    @Override
    public Extraction extract(String text) {
        return Extraction.of(entries(text));
    }

    List<Entry> entries(String text) {
        List<Token> toks = new Tokenizer(text, hashComments, slashComments).tokens();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.type != Type.STRING || t.interpolated) {
                continue;
            }
            if (!isWholeValue(toks, i)) {
                continue;
            }
            String key = keyBefore(toks, i);
            if (key != null) {
                out.add(new Entry(key, t.text, t.line, t.endLine, Entry.Kind.KEY_VALUE));
            }
        }
        return out;
    }

    /** True when the literal is not concatenated, formatted or indexed: what follows ends the expression. */
    private static boolean isWholeValue(List<Token> toks, int i) {
        if (i + 1 >= toks.size()) {
            return true;
        }
        Token next = toks.get(i + 1);
        if (next.type == Type.STRING) {
            return false; // implicit concatenation
        }
        if (next.type == Type.PUNCT) {
            return switch (next.text) {
                case "+", "%", ".", "[", "*", "(" -> false;
                default -> true;
            };
        }
        return next.type != Type.IDENT || next.line > toks.get(i).endLine || next.text.equals("if")
                || next.text.equals("or") || next.text.equals("and");
    }

    private String keyBefore(List<Token> toks, int i) {
        Token p1 = at(toks, i - 1);
        if (p1 == null) {
            return null;
        }
        if (p1.type == Type.PUNCT && (p1.text.equals("=") || p1.text.equals(":=") || p1.text.equals(":") || p1.text.equals("<-")
                || p1.text.equals("=>") || p1.text.equals("?:") || p1.text.equals("||") || p1.text.equals("??"))) {
            Token p2 = at(toks, i - 2);
            if (p2 == null) {
                return null;
            }
            if (p2.type == Type.IDENT && p1.text.equals(":") && name.equals("python")) {
                return null; // name: "Type" is an annotation in Python, not a value
            }
            if (p2.type == Type.IDENT) {
                // password: str = "...", String password = "...", val password: String = "..."
                Token p3 = at(toks, i - 3);
                if (TYPE_NAMES.contains(p2.text) && p3 != null) {
                    if (p3.type == Type.IDENT && !TYPE_NAMES.contains(p3.text)) {
                        return p3.text;
                    }
                    if (p3.type == Type.PUNCT && p3.text.equals(":")) {
                        Token p4 = at(toks, i - 4);
                        return p4 != null && p4.type == Type.IDENT ? p4.text : null;
                    }
                }
                return p2.text;
            }
            if (p2.type == Type.STRING && !p1.text.equals("=")) {
                return p2.text; // {"password": "..."} / "password" => "..."
            }
            if (p2.type == Type.PUNCT && p2.text.equals("]")) {
                Token key = at(toks, i - 3); // env["PASSWORD"] = "..."
                Token open = at(toks, i - 4);
                if (key != null && key.type == Type.STRING && open != null && open.text.equals("[")) {
                    return key.text;
                }
            }
            return null;
        }
        if (p1.type == Type.PUNCT && p1.text.equals(",")) {
            Token flag = at(toks, i - 2);
            if (flag != null && flag.type == Type.STRING && flag.text.matches("--?[A-Za-z][A-Za-z0-9_-]{0,60}")) {
                return flag.text.replaceFirst("^-+", ""); // arguments=["--password", "..."]
            }
            // .option("password", "..."), getenv("PASSWORD", "..."), setdefault("DB_PASSWORD", "...")
            Token key = at(toks, i - 2);
            Token open = at(toks, i - 3);
            Token call = at(toks, i - 4);
            if (key != null && key.type == Type.STRING && open != null && open.text.equals("(") && call != null
                    && call.type == Type.IDENT && NAMING_CALLS.contains(call.text)) {
                return key.text;
            }
        }
        return null;
    }

    private static Token at(List<Token> toks, int i) {
        return i >= 0 && i < toks.size() ? toks.get(i) : null;
    }

    enum Type { IDENT, STRING, PUNCT, NUMBER }

    static final class Token {
        final Type type;
        final String text;
        final int line;
        final int endLine;
        final boolean interpolated;

        Token(Type type, String text, int line, int endLine, boolean interpolated) {
            this.type = type;
            this.text = text;
            this.line = line;
            this.endLine = endLine;
            this.interpolated = interpolated;
        }

        @Override
        public String toString() {
            return type + ":" + text;
        }
    }

    /** A forgiving tokenizer: an unterminated string or comment ends at the end of the text, never an error. */
    static final class Tokenizer {
        private final String s;
        private final boolean hash;
        private final boolean slash;
        private int i;
        private int line = 1;

        Tokenizer(String s, boolean hash, boolean slash) {
            this.s = s;
            this.hash = hash;
            this.slash = slash;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (hash && c == '#' || slash && c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    lineComment(out, c == '#' ? 1 : 2);
                } else if (slash && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    int end = s.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    countLines(i, end);
                    i = end;
                } else if (c == '"' || c == '\'' || c == '`') {
                    out.add(string("", i));
                } else if (Character.isLetter(c) || c == '_' || c == '$') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'') && word.length() <= 2
                            && word.toLowerCase(java.util.Locale.ROOT).matches("[rbuf]{1,2}")) {
                        out.add(string(word.toLowerCase(java.util.Locale.ROOT), start));
                    } else {
                        out.add(new Token(Type.IDENT, word, line, line, false));
                    }
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token(Type.NUMBER, s.substring(start, i), line, line, false));
                } else {
                    String two = i + 1 < n ? s.substring(i, i + 2) : "";
                    if (two.equals(":=") || two.equals("=>") || two.equals("==") || two.equals("!=") || two.equals("<=")
                            || two.equals(">=") || two.equals("||") || two.equals("??") || two.equals("?:")
                            || two.equals("<-")) {
                        out.add(new Token(Type.PUNCT, two, line, line, false));
                        i += 2;
                    } else {
                        out.add(new Token(Type.PUNCT, String.valueOf(c), line, line, false));
                        i++;
                    }
                }
            }
            return out;
        }

        /**
         * A commented-out credential is still a committed one: the comment's text is read as code of its own
         * ({@code # password = "..."}), fenced off so that it never pairs with tokens around it and an apostrophe in
         * prose ends with the comment.
         */
        private void lineComment(List<Token> out, int markerLength) {
            int at = s.indexOf('\n', i);
            int end = at < 0 ? s.length() : at;
            String comment = s.substring(Math.min(end, i + markerLength), end);
            i = end;
            if (comment.indexOf('=') < 0 && comment.indexOf(':') < 0) {
                return; // prose: nothing can be assigned
            }
            Tokenizer sub = new Tokenizer(comment, false, false);
            sub.line = line;
            out.add(new Token(Type.PUNCT, ";", line, line, false));
            out.addAll(sub.tokens());
            out.add(new Token(Type.PUNCT, ";", line, line, false));
        }

        private void countLines(int from, int to) {
            for (int k = from; k < to; k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                }
            }
        }

        private Token string(String prefix, int start) {
            int n = s.length();
            char q = s.charAt(i);
            boolean triple = q != '`' && i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
            boolean raw = prefix.contains("r");
            boolean template = q == '`';
            boolean fString = prefix.contains("f");
            int startLine = line;
            int contentStart = i + (triple ? 3 : 1);
            int j = contentStart;
            StringBuilder value = new StringBuilder();
            boolean closed = false;
            while (j < n) {
                char c = s.charAt(j);
                if (c == '\\' && !raw && j + 1 < n) {
                    char e = s.charAt(j + 1);
                    value.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> e;
                    });
                    if (e == '\n') {
                        line++;
                    }
                    j += 2;
                    continue;
                }
                if (triple && c == q && j + 2 < n && s.charAt(j + 1) == q && s.charAt(j + 2) == q) {
                    j += 3;
                    closed = true;
                    break;
                }
                if (!triple && c == q) {
                    j++;
                    closed = true;
                    break;
                }
                if (c == '\n') {
                    if (!triple && !template) {
                        break; // an unterminated one-line string ends at the line's end
                    }
                    line++;
                }
                value.append(c);
                j++;
            }
            i = j;
            String v = value.toString();
            boolean interpolated = (fString || template) && (v.contains("{") || v.contains("${"));
            return new Token(Type.STRING, closed || !v.isEmpty() ? v : "", startLine, line, interpolated);
        }
    }
}
