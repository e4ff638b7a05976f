package dev.lastmile.dbt.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Procedural script statements and declarations JSqlParser 5.4 has no grammar for, read so that what they hold is
 * still parsed: BigQuery scripting ({@code DECLARE}, {@code SET}, {@code IF ... THEN}, {@code ELSEIF}, {@code ELSE},
 * {@code END IF}, {@code LOOP}, {@code WHILE ... DO}, {@code REPEAT ... UNTIL}, {@code FOR x IN (query) DO},
 * {@code BEGIN ... EXCEPTION WHEN ERROR THEN ... END}, {@code BREAK}/{@code LEAVE}/{@code CONTINUE}/{@code ITERATE},
 * {@code RETURN}, {@code ASSERT}, {@code EXECUTE IMMEDIATE}), stored procedure headers ({@code CREATE PROCEDURE
 * p(..) BEGIN}) and function definitions ({@code CREATE [TEMP] FUNCTION f(..) [RETURNS t] [LANGUAGE js] AS ..}).
 *
 * <p>A script's statements end at semicolons, so the splitter hands each one over with the control words around it
 * ({@code IF x > 0 THEN select ..}). This reader peels those words off: the conditions and default values they carry
 * are checked as expressions, what follows ({@code select ..}) is parsed as any statement, and a statement that is
 * only control flow or a declaration is complete once its expressions parse. A function body in another language
 * (JavaScript, Python) is opaque text, as it is to the warehouse's SQL parser; a SQL body is an expression, checked.
 * Nothing here applies unless the statement starts with one of these words, so other statements pass untouched.
 */
final class Scripting {

    /**
     * What a statement holds once its script words are peeled off.
     *
     * @param expressions texts to check as SQL expressions (conditions, defaults, SQL function bodies)
     * @param queries     texts to check as whole statements (a {@code FOR ... IN (query)}, a SQL function body in a string)
     * @param rest        the tokens of the statement the script words surround (empty when there is none)
     * @param kind        what the words were, for the statement model ({@code DECLARE}, {@code IF}, {@code FUNCTION} ..)
     * @param target      the name a definition creates ({@code CREATE FUNCTION f}), else empty
     */
    record Reading(List<String> expressions, List<String> queries, List<Token> rest, String kind, String target) {
    }

    private Scripting() {
    }

    /** The reading of a statement's tokens, or null when it does not start with a script word. */
    static Reading read(List<Token> tokens) {
        List<Token> t = meaningful(tokens);
        if (t.isEmpty() || t.get(0).type() != Token.Type.WORD) {
            return null;
        }
        String first = word(t, 0);
        if (!STARTS.contains(first)) {
            return null;
        }
        List<String> expressions = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        String kind = null;
        String target = "";
        int i = 0;
        // control words, one after another: `END IF` then nothing, `ELSE IF x THEN select ..`, `BEGIN LOOP select ..`
        while (i < t.size()) {
            String w = word(t, i);
            int next;
            if (w.equals("begin") && i == 0 && t.size() == 2 && (isWordAt(t, 1, "transaction") || isWordAt(t, 1, "tran")
                    || isWordAt(t, 1, "work"))) {
                kind = "BEGIN TRANSACTION";
                next = 2;
            } else if (w.equals("begin") && !isWordAt(t, i + 1, "transaction") && !isWordAt(t, i + 1, "tran")) {
                next = i + 1;
            } else if (w.equals("end")) {
                next = i + 1;
                if (isWordAt(t, next, "if") || isWordAt(t, next, "loop") || isWordAt(t, next, "while")
                        || isWordAt(t, next, "for") || isWordAt(t, next, "repeat")) {
                    next++;
                }
                if (next < t.size()) {
                    return null; // `END` then more: not a block end (e.g. a CASE's END in a broken statement)
                }
            } else if (w.equals("if") || w.equals("elseif") || w.equals("while") || w.equals("until")
                    || w.equals("else") && isWordAt(t, i + 1, "if")) {
                int from = w.equals("else") ? i + 2 : i + 1;
                String closer = w.equals("while") ? "do" : w.equals("until") ? "end" : "then";
                int close = findTopLevel(t, from, closer);
                if (close < 0 || close == from || w.equals("if") && t.get(from).isSymbol("(") && close < 0) {
                    return null;
                }
                expressions.add(text(t, from, close));
                next = close + 1;
                if (w.equals("until") && isWordAt(t, next, "repeat")) {
                    next++;
                }
            } else if (w.equals("else") || w.equals("loop") || w.equals("repeat")) {
                next = i + 1;
            } else if (w.equals("exception") && isWordAt(t, i + 1, "when") && isWordAt(t, i + 2, "error")
                    && isWordAt(t, i + 3, "then")) {
                next = i + 4;
            } else if (w.equals("for") && i + 2 < t.size() && isWordAt(t, i + 2, "in") && i + 3 < t.size()
                    && t.get(i + 3).isSymbol("(")) {
                int close = Normalizer.matching(t, i + 3);
                if (close < 0 || !isWordAt(t, close + 1, "do")) {
                    return null;
                }
                queries.add(text(t, i + 4, close));
                next = close + 2;
            } else if (w.equals("break") || w.equals("leave") || w.equals("continue") || w.equals("iterate")
                    || w.equals("return")) {
                // the statement is only this word and an optional label
                next = t.size();
                if (t.size() - i > 2) {
                    return null;
                }
            } else if (w.equals("declare") && i == 0) {
                kind = "DECLARE";
                int def = findTopLevel(t, 1, "default");
                if (def > 0) {
                    if (def + 1 >= t.size()) {
                        return null;
                    }
                    expressions.add(text(t, def + 1, t.size()));
                }
                next = t.size();
            } else if (w.equals("set") && i == 0 && setAssignment(t) > 0) {
                kind = "SET";
                int eq = setAssignment(t);
                if (eq + 1 >= t.size()) {
                    return null;
                }
                expressions.add(text(t, eq + 1, t.size()));
                next = t.size();
            } else if (w.equals("assert") && i == 0) {
                kind = "ASSERT";
                int as = findTopLevel(t, 1, "as");
                expressions.add(text(t, 1, as > 0 ? as : t.size()));
                next = t.size();
            } else if (w.equals("execute") && isWordAt(t, i + 1, "immediate")) {
                kind = "EXECUTE IMMEDIATE";
                int end = t.size();
                for (String clause : List.of("into", "using")) {
                    int at = findTopLevel(t, i + 2, clause);
                    if (at > 0) {
                        end = Math.min(end, at);
                    }
                }
                expressions.add(text(t, i + 2, end));
                next = t.size();
            } else if (w.equals("create")) {
                Definition d = definition(t, i);
                if (d == null) {
                    break; // CREATE TABLE, CREATE VIEW ..: JSqlParser's
                }
                kind = d.kind;
                target = d.name;
                expressions.addAll(d.expressions);
                queries.addAll(d.queries);
                next = d.next;
            } else {
                break;
            }
            if (kind == null) {
                kind = w.toUpperCase(Locale.ROOT);
            }
            i = next;
        }
        if (i == 0) {
            return null;
        }
        int restFrom = i >= t.size() ? tokens.size() : tokens.indexOf(t.get(i));
        return new Reading(expressions, queries, tokens.subList(restFrom, tokens.size()), kind, target);
    }

    private record Definition(String kind, String name, List<String> expressions, List<String> queries, int next) {
    }

    /**
     * {@code CREATE [OR REPLACE] [TEMP|TEMPORARY] FUNCTION [IF NOT EXISTS] name(params) [RETURNS type]
     * [[NOT] DETERMINISTIC] [LANGUAGE lang] [OPTIONS(..)] AS body} and {@code CREATE [OR REPLACE] PROCEDURE
     * name(params) [OPTIONS(..)] BEGIN}; null for anything else.
     */
    private static Definition definition(List<Token> t, int i) {
        int k = i + 1;
        if (isWordAt(t, k, "or") && isWordAt(t, k + 1, "replace")) {
            k += 2;
        }
        if (isWordAt(t, k, "temp") || isWordAt(t, k, "temporary")) {
            k++;
        }
        boolean procedure = isWordAt(t, k, "procedure");
        if (!procedure && !isWordAt(t, k, "function")) {
            return null;
        }
        k++;
        if (isWordAt(t, k, "if") && isWordAt(t, k + 1, "not") && isWordAt(t, k + 2, "exists")) {
            k += 3;
        }
        // a possibly qualified name: `project.dataset.f`, `fn.f`
        int nameFrom = k;
        while (k < t.size() && !t.get(k).isSymbol("(")) {
            k++;
        }
        if (k >= t.size() || k == nameFrom) {
            return null;
        }
        String name = text(t, nameFrom, k).replace(" ", "");
        int close = Normalizer.matching(t, k);
        if (close < 0) {
            return null;
        }
        k = close + 1;
        if (procedure) {
            k = skipOptions(t, k);
            if (!isWordAt(t, k, "begin")) {
                return null;
            }
            return new Definition("PROCEDURE", name, List.of(), List.of(), k + 1);
        }
        // header clauses up to AS: the return type (any tokens, `ARRAY<STRUCT<a INT64>>` included), language, options
        String language = "sql";
        int as = -1;
        for (int j = k; j < t.size(); j++) {
            if (isWordAt(t, j, "language") && j + 1 < t.size()) {
                language = t.get(j + 1).text().toLowerCase(Locale.ROOT);
            } else if (isWordAt(t, j, "options") && j + 1 < t.size() && t.get(j + 1).isSymbol("(")) {
                j = Math.max(j, Normalizer.matching(t, j + 1));
                if (j < 0) {
                    return null;
                }
            } else if (isWordAt(t, j, "as")) {
                as = j;
                break;
            }
        }
        if (as < 0 || as + 1 >= t.size()) {
            return null;
        }
        Token body = t.get(as + 1);
        List<String> expressions = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        int end = t.size();
        if (body.type() == Token.Type.STRING) {
            if (language.equals("sql")) {
                queries.add(stringContent(body.text()));
            }
            // JavaScript, Python, plpgsql: another language; the warehouse hands it to that language's runtime
            end = skipOptions(t, as + 2);
            if (end < t.size() && !isWordAt(t, end, "language")) {
                return null;
            }
        } else if (body.isSymbol("(") && language.equals("sql")) {
            int bodyClose = Normalizer.matching(t, as + 1);
            if (bodyClose < 0) {
                return null;
            }
            expressions.add(text(t, as + 2, bodyClose));
            end = bodyClose + 1;
        } else {
            return null;
        }
        return new Definition("FUNCTION", name, expressions, queries, Math.max(end, t.size()));
    }

    private static int skipOptions(List<Token> t, int k) {
        while (k < t.size() && (isWordAt(t, k, "options") && k + 1 < t.size() && t.get(k + 1).isSymbol("(")
                || isWordAt(t, k, "language"))) {
            if (isWordAt(t, k, "language")) {
                k += 2;
            } else {
                int close = Normalizer.matching(t, k + 1);
                if (close < 0) {
                    return t.size();
                }
                k = close + 1;
            }
        }
        return k;
    }

    /** The text between a string literal's quotes (one, three, or a raw/byte prefix; dollar quotes too). */
    static String stringContent(String s) {
        String x = s;
        while (!x.isEmpty() && Character.isLetter(x.charAt(0))) {
            x = x.substring(1); // r"..", b'..'
        }
        if (x.startsWith("\"\"\"") || x.startsWith("'''")) {
            return x.length() >= 6 ? x.substring(3, x.length() - 3) : "";
        }
        if (x.startsWith("$")) {
            int open = x.indexOf('$', 1);
            int close = x.lastIndexOf('$', x.length() - 2);
            return open > 0 && close > open ? x.substring(open + 1, x.lastIndexOf(x.substring(0, open + 1))) : "";
        }
        return x.length() >= 2 ? x.substring(1, x.length() - 1) : "";
    }

    /** The index of {@code =} in {@code SET name = ..} or {@code SET (a, b) = ..}; -1 otherwise. */
    private static int setAssignment(List<Token> t) {
        if (t.size() < 3) {
            return -1;
        }
        int k = 1;
        if (t.get(1).isSymbol("(")) {
            k = Normalizer.matching(t, 1);
            if (k < 0) {
                return -1;
            }
            k++;
        } else if (t.get(1).type() == Token.Type.WORD || t.get(1).type() == Token.Type.QUOTED_NAME) {
            k = 2;
            if (isWordAt(t, 1, "session") || isWordAt(t, 1, "local") || isWordAt(t, 1, "time")) {
                return -1; // Postgres' SET SESSION/LOCAL/TIME ZONE: JSqlParser reads those
            }
        } else {
            return -1;
        }
        return k < t.size() && t.get(k).isSymbol("=") ? k : -1;
    }

    private static final java.util.Set<String> STARTS = java.util.Set.of("begin", "end", "if", "elseif", "else", "loop",
            "repeat", "while", "until", "for", "exception", "break", "leave", "continue", "iterate", "return", "declare",
            "set", "assert", "execute", "create");

    /** The first {@code word} at parenthesis depth 0 and outside CASE ... END, from {@code from}; -1 if none. */
    private static int findTopLevel(List<Token> t, int from, String word) {
        int depth = 0;
        int cases = 0;
        for (int k = from; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.isSymbol("(") || x.isSymbol("[")) {
                depth++;
            } else if (x.isSymbol(")") || x.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && x.isWord("case")) {
                cases++;
            } else if (depth == 0 && cases > 0 && x.isWord("end")) {
                cases--;
            } else if (depth == 0 && cases == 0 && x.isWord(word)) {
                return k;
            }
        }
        return -1;
    }

    private static List<Token> meaningful(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (Token x : tokens) {
            if (!x.isTrivia()) {
                out.add(x);
            }
        }
        return out;
    }

    private static String word(List<Token> t, int k) {
        return t.get(k).type() == Token.Type.WORD ? t.get(k).text().toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isWordAt(List<Token> t, int k, String w) {
        return k >= 0 && k < t.size() && t.get(k).isWord(w);
    }

    private static String text(List<Token> t, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append(' ');
            }
            b.append(t.get(k).text());
        }
        return b.toString();
    }
}
