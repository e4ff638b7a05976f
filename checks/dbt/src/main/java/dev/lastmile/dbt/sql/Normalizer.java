package dev.lastmile.dbt.sql;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites dialect constructs JSqlParser 5.4 rejects into equivalents it parses, token by token, never touching the
 * inside of strings, comments or quoted names and never adding or removing a line break, so every line of the
 * result is the same line of the input. The list of rewrites is measured on real projects (docs/sql-coverage.md).
 */
public final class Normalizer {

    /** Words real projects use as names that JSqlParser 5.4 takes as keywords; quoted when used as a name. */
    static final Set<String> KEYWORD_NAMES = Set.of(
            "final", "map", "environment", "unknown", "settings", "number", "uuid", "tz", "sample", "output", "check",
            "unique", "script", "long", "window", "prior", "returning", "nocycle", "enum", "statement", "errors", "verify",
            "both");

    private Normalizer() {
    }

    /**
     * The result: the text to parse and the names of the rewrites applied (for coverage reports).
     *
     * @param starts where each input token's replacement begins in {@code text}, and last, the text's length
     */
    public record Result(String text, List<String> rewrites, int[] starts) {

        /** True when input token {@code k} reached the text unchanged. */
        boolean unchanged(int k, Token token) {
            return starts[k + 1] - starts[k] == token.text().length() && text.startsWith(token.text(), starts[k]);
        }
    }

    public static Result normalize(String sql, Dialect dialect) {
        return normalize(SqlLexer.lex(sql, dialect), dialect);
    }

    /** The same, from the lexer's tokens of the text (only their text and type are read). */
    public static Result normalize(List<Token> t, Dialect dialect) {
        int length = 0;
        for (Token x : t) {
            length += x.text().length();
        }
        String[] out = new String[t.size()];
        for (int i = 0; i < t.size(); i++) {
            out[i] = t.get(i).text();
        }
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            switch (tok.type()) {
                // whitespace and comments only cost JSqlParser's lexer time (a third of its work on rendered dbt
                // models, whose indentation is a third of their text): each becomes one space, keeping its line breaks
                case SPACE, COMMENT -> out[i] = compactKeepingLines(tok.text());
                case QUOTED_NAME -> {
                    String q = tok.text();
                    if (q.startsWith("\"") && q.indexOf('.') > 0) {
                        // "a.b.c" is one name (Snowflake, Postgres); JSqlParser splits it into qualifiers, and
                        // fails past four parts
                        out[i] = q.replace('.', '_');
                        applied.add("dotted-quoted-name");
                    }
                }
                case STRING -> {
                    String s = asStandardString(tok.text());
                    if (!s.equals(tok.text())) {
                        out[i] = s;
                        applied.add("string-quoting");
                    }
                }
                case SYMBOL -> {
                    if (tok.isSymbol(",")) {
                        int next = nextMeaningful(t, i + 1);
                        int after = next < 0 ? -1 : nextMeaningful(t, next + 1);
                        int before = prevMeaningful(t, i - 1);
                        if (next < 0 || t.get(next).isSymbol(")") || t.get(next).isSymbol(";")
                                || t.get(next).isWord("from") && !insideCall(t, i)
                                        && (after < 0 || !t.get(after).isSymbol("."))) {
                            out[i] = " ";
                            applied.add("trailing-comma");
                        } else if (before >= 0 && (t.get(before).isWord("select") || t.get(before).isWord("distinct"))) {
                            // `select , b`: the first item came from a loop over rows only the warehouse knows
                            out[i] = " ";
                            applied.add("leading-comma");
                        } else if (t.get(next).isWord("as") && after > 0 && isName(t.get(after))) {
                            // `x as a, as b`: a macro that loops over columns only dbt's graph knows rendered none
                            // before the alias; keep the item, with a placeholder for what it selects
                            out[next] = "__lm_expr " + t.get(next).text();
                            applied.add("missing-expression");
                        } else if (t.get(next).isSymbol(",")) {
                            // `a, , b`: a loop over a run-time query's rows, which renders nothing here, between two
                            // items; the list without it is the model minus the columns only the warehouse knows
                            out[i] = " ";
                            applied.add("empty-list-item");
                        } else if (t.get(next).isWord("lateral") && after > 0 && t.get(after).isWord("view")) {
                            // Spark accepts `FROM t, LATERAL VIEW explode(..)`; the comma adds nothing
                            out[i] = " ";
                            applied.add("comma-lateral-view");
                        } else if (t.get(next).isWord("grouping") && after > 0 && t.get(after).isWord("sets")) {
                            // `GROUP BY a, GROUPING SETS ((a, b), (a))`: JSqlParser takes GROUPING SETS only alone;
                            // as a call the grouped columns stay visible to the rules
                            out[next] = "grouping_sets";
                            out[after] = " ".repeat(t.get(after).text().length());
                            applied.add("mixed-grouping-sets");
                        }
                    } else if (tok.isSymbol("\\") && atLineStart(t, i)) {
                        psqlMetaCommand(t, out, i, applied);
                    } else if (tok.isSymbol("{") && nextMeaningful(t, i + 1) > 0 && t.get(nextMeaningful(t, i + 1)).isSymbol("}")) {
                        // Snowflake's and DuckDB's empty object literal `{}`: JSqlParser reads only non-empty ones
                        out[i] = "object_construct(";
                        out[nextMeaningful(t, i + 1)] = ")";
                        applied.add("empty-object-literal");
                    } else if (tok.isSymbol(":") && i + 1 < t.size() && t.get(i + 1).isSymbol("]")) {
                        // DuckDB's open-ended slice `s[2:]`: JSqlParser needs both bounds; NULL is "to the end"
                        out[i] = ":null";
                        applied.add("open-slice");
                    } else if (tok.isSymbol("==")) {
                        // Spark and DuckDB's `==` is SQL's `=`
                        out[i] = "= ";
                        applied.add("double-equals");
                    } else if (tok.isSymbol("[")) {
                        // arr[OFFSET(n)] / [SAFE_OFFSET(n)] / [ORDINAL(n)] -> arr[n]
                        int w = nextMeaningful(t, i + 1);
                        if (w > 0 && t.get(w).type() == Token.Type.WORD && OFFSET_WORDS.contains(t.get(w).text().toLowerCase(Locale.ROOT))) {
                            int open = nextMeaningful(t, w + 1);
                            if (open > 0 && t.get(open).isSymbol("(")) {
                                int close = matching(t, open);
                                if (close > 0) {
                                    out[w] = " ".repeat(t.get(w).text().length());
                                    out[open] = " ";
                                    out[close] = " ";
                                    applied.add("array-offset");
                                }
                            }
                        }
                    }
                }
                case WORD -> {
                    if (tok.text().indexOf("__", 1) > 0) {
                        keywordGluedToRelation(tok, out, i, applied);
                    }
                    if (tok.text().startsWith("__lm_") && !tok.text().equals("__lm_expr")) {
                        placeholderSelectItem(t, out, i, applied);
                    }
                    if (dialect == Dialect.BIGQUERY) {
                        bigQueryDdlAndJson(t, out, i, applied);
                    }
                    if (!typeOrGroupWord(t, out, i, dialect, applied)) {
                        rewriteWord(t, out, i, dialect, applied);
                    }
                }
                case NUMBER -> {
                    if (dialect == Dialect.DATABRICKS) {
                        digitLeadingName(t, out, i, applied);
                    }
                }
                default -> {
                }
            }
        }
        cteNames(t, out, dialect, applied);
        if (dialect == Dialect.DUCKDB) {
            fromFirst(t, out, applied);
        }
        wholeStatementPlaceholder(t, out, applied);
        placeholderFinalQuery(t, out, applied);
        StringBuilder b = new StringBuilder(length + 16);
        int[] starts = new int[out.length + 1];
        for (int k = 0; k < out.length; k++) {
            starts[k] = b.length();
            b.append(out[k]);
        }
        starts[out.length] = b.length();
        return new Result(b.toString(), applied, starts);
    }

    /**
     * A {@code with} statement whose final query is a placeholder ({@code with a as (...) __lm_x(args)}, left by a
     * macro that builds the final select and has no implementation for the adapter) selects from it, as a CTE or a
     * model made only of such a placeholder does. Only CTE definitions may come before it: in
     * {@code from (select ...) __lm_alias} the placeholder is an alias, not a query.
     */
    private static void placeholderFinalQuery(List<Token> t, String[] out, List<String> applied) {
        int first = nextMeaningful(t, 0);
        if (first < 0 || !t.get(first).isWord("with")) {
            return;
        }
        int depth = 0;
        int placeholder = -1;
        int beforePlaceholder = -1;
        int last = -1;
        for (int i = first; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isTrivia()) {
                continue;
            }
            if (depth == 0 && k.isSymbol(";")) {
                break;
            }
            if (depth == 0 && (k.isWord("select") || k.isWord("from"))) {
                return; // the statement has a query of its own
            }
            if (depth == 0 && k.type() == Token.Type.WORD && k.text().startsWith("__lm_")) {
                placeholder = i;
                beforePlaceholder = last;
            } else if (depth == 0 && !k.isSymbol("(")) {
                placeholder = -1;
            }
            if (k.isSymbol("(")) {
                depth++;
            } else if (k.isSymbol(")")) {
                depth = Math.max(0, depth - 1);
            }
            last = i;
        }
        int afterPlaceholder = placeholder < 0 ? -1 : nextMeaningful(t, placeholder + 1);
        if (placeholder >= 0 && beforePlaceholder >= 0 && t.get(beforePlaceholder).isSymbol(")")
                && (last == placeholder || t.get(last).isSymbol(")") && afterPlaceholder >= 0 && t.get(afterPlaceholder).isSymbol("("))) {
            out[placeholder] = "select * from " + out[placeholder];
            applied.add("placeholder-final-query");
        }
    }

    /** True when the argument list opened at {@code open} holds another parenthesis. */
    private static boolean nestedCall(List<Token> t, int open) {
        int close = matching(t, open);
        for (int k = open + 1; k < close; k++) {
            if (t.get(k).isSymbol("(")) {
                return true;
            }
        }
        return close < 0;
    }

    /** A number or string literal standing alone where a query belongs. */
    private static boolean bareValue(Token x) {
        return x.type() == Token.Type.NUMBER || x.type() == Token.Type.STRING;
    }

    /** A model that is one macro call ({@code {{ union_relations(...) }}}) rendered to a placeholder: read it as a relation. */
    private static void wholeStatementPlaceholder(List<Token> t, String[] out, List<String> applied) {
        int first = nextMeaningful(t, 0);
        if (first >= 0 && bareValue(t.get(first)) && nextMeaningful(t, first + 1) < 0) {
            // the whole model is a bare value a run-time macro returned (`{{ return(1) }}`)
            out[first] = "select " + out[first];
            applied.add("value-statement");
            return;
        }
        if (first < 0 || t.get(first).type() != Token.Type.WORD || !t.get(first).text().startsWith("__lm_")) {
            return;
        }
        int after = nextMeaningful(t, first + 1);
        int args = after;
        if (after > 0 && t.get(after).isSymbol("(")) {
            int close = matching(t, after);
            after = close < 0 ? -2 : nextMeaningful(t, close + 1);
        }
        if (after == -1) {
            out[first] = "select * from " + t.get(first).text();
            if (args > 0) {
                for (int k = args; k < t.size(); k++) {
                    if (t.get(k).type() != Token.Type.SPACE) {
                        out[k] = " ".repeat(t.get(k).text().length());
                    }
                }
            }
            applied.add("placeholder-statement");
        }
    }

    /** A numeric literal as Spark reads one: digits, a fraction, an exponent, a type suffix (10L, 1.5BD). */
    private static final java.util.regex.Pattern SPARK_NUMBER = java.util.regex.Pattern.compile(
            "(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?([lLsSyYdDfF]|[bB][dD])?");

    /**
     * Spark names may start with a digit ({@code t.1688_min_price}, {@code AS 2_qty}): the lexer reads a number then
     * a word; when together they are not a number, quote them as one name.
     */
    private static void digitLeadingName(List<Token> t, String[] out, int i, List<String> applied) {
        Token num = t.get(i);
        StringBuilder name = new StringBuilder(num.text());
        int last = i;
        while (last + 1 < t.size() && t.get(last + 1).type() == Token.Type.WORD) {
            last++;
            name.append(t.get(last).text());
        }
        if (name.indexOf(".") >= 0 || SPARK_NUMBER.matcher(name).matches()) {
            return;
        }
        out[i] = "`" + name + "`";
        for (int k = i + 1; k <= last; k++) {
            out[k] = "";
        }
        applied.add("digit-leading-name");
    }

    /**
     * The CTE list of a WITH clause, walked as a structure (name, optional column list, optional AS, body): a
     * reserved word as a CTE name is quoted ({@code with full as (..)}) and Spark's CTE without AS
     * ({@code with x (select ..)}) gets its AS.
     */
    private static void cteNames(List<Token> t, String[] out, Dialect dialect, List<String> applied) {
        int k = nextMeaningful(t, 0);
        if (k < 0 || !t.get(k).isWord("with")) {
            return;
        }
        k = nextMeaningful(t, k + 1);
        if (k > 0 && t.get(k).isWord("recursive")) {
            k = nextMeaningful(t, k + 1);
        }
        Set<String> reservedNames = new java.util.HashSet<>();
        while (k > 0 && isName(t.get(k))) {
            int name = k;
            k = nextMeaningful(t, k + 1);
            if (k > 0 && t.get(k).isSymbol("(") && !startsQuery(t, k)) {
                // a column list: with x (a, b) as (..)
                int close = matching(t, k);
                k = close < 0 ? -1 : nextMeaningful(t, close + 1);
            }
            if (k < 0) {
                return;
            }
            boolean hasAs = t.get(k).isWord("as");
            int body = hasAs ? nextMeaningful(t, k + 1) : k;
            if (body < 0 || !t.get(body).isSymbol("(") || !startsQuery(t, body)) {
                return;
            }
            String word = t.get(name).text().toLowerCase(Locale.ROOT);
            if (t.get(name).type() == Token.Type.WORD && RESERVED.contains(word)) {
                out[name] = quoted(t.get(name).text(), dialect);
                reservedNames.add(word);
                applied.add("reserved-word-name");
            }
            if (!hasAs) {
                out[name] = out[name] + " as";
                applied.add("cte-without-as");
            }
            int close = matching(t, body);
            k = close < 0 ? -1 : nextMeaningful(t, close + 1);
            if (k < 0 || !t.get(k).isSymbol(",")) {
                break;
            }
            k = nextMeaningful(t, k + 1);
        }
        if (!reservedNames.isEmpty()) {
            // and where the query reads them: `from full as f`, `left join join`
            for (int j = k < 0 ? t.size() : k; j < t.size(); j++) {
                Token x = t.get(j);
                if (x.type() == Token.Type.WORD && reservedNames.contains(x.text().toLowerCase(Locale.ROOT))) {
                    int p = prevMeaningful(t, j - 1);
                    if (p >= 0 && (t.get(p).isWord("from") || t.get(p).isWord("join"))) {
                        out[j] = quoted(x.text(), dialect);
                    }
                }
            }
        }
    }

    /** True when the parenthesis at {@code open} starts a query: {@code (select}, {@code (with}, {@code ((select}. */
    private static boolean startsQuery(List<Token> t, int open) {
        int k = nextMeaningful(t, open + 1);
        while (k > 0 && t.get(k).isSymbol("(")) {
            k = nextMeaningful(t, k + 1);
        }
        return k > 0 && (t.get(k).isWord("select") || t.get(k).isWord("with") || t.get(k).isWord("from")
                || t.get(k).isWord("values") || t.get(k).type() == Token.Type.WORD && t.get(k).text().startsWith("__lm_"));
    }

    private static final Set<String> OFFSET_WORDS = Set.of("offset", "safe_offset", "ordinal", "safe_ordinal");

    private static final List<String> RELATION_PLACEHOLDERS = List.of(Placeholders.REF, Placeholders.SOURCE, Placeholders.THIS);

    /** Keywords a relation follows: the only words a relation placeholder may be glued to. */
    private static final Set<String> BEFORE_RELATION = Set.of("from", "join", "into", "table", "update", "using");

    /**
     * {@code from{{ source('a', 'b') }}} renders in dbt as {@code from`p`.`a`.`b`} (quoted names need no space) but
     * here as one word, {@code from__src__a__b}: split the keyword from the placeholder again.
     */
    private static void keywordGluedToRelation(Token tok, String[] out, int i, List<String> applied) {
        String text = tok.text();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String placeholder : RELATION_PLACEHOLDERS) {
            int at = lower.indexOf(placeholder);
            if (at > 0 && BEFORE_RELATION.contains(lower.substring(0, at))) {
                out[i] = text.substring(0, at) + " " + text.substring(at);
                applied.add("keyword-glued-to-relation");
                return;
            }
        }
    }

    private static void rewriteWord(List<Token> t, String[] out, int i, Dialect dialect, List<String> applied) {
        Token tok = t.get(i);
        String w = tok.text().toLowerCase(Locale.ROOT);
        if (!REWRITE_TRIGGERS.contains(w)) {
            return;
        }
        int next = nextMeaningful(t, i + 1);
        Token nt = next < 0 ? null : t.get(next);
        int prev = prevMeaningful(t, i - 1);
        Token pt = prev < 0 ? null : t.get(prev);
        if ((w.equals("ignore") || w.equals("respect")) && nt != null && nt.isWord("nulls")) {
            out[i] = " ".repeat(tok.text().length());
            out[next] = " ".repeat(nt.text().length());
            applied.add("ignore-nulls");
            return;
        }
        if ((w.equals("like") || w.equals("ilike") || w.equals("similar")) && patternMatchComparedToBoolean(t, out, i, applied)) {
            return;
        }
        if (w.equals("with") && nt != null && nt.isWord("offset")) {
            // UNNEST(..) WITH OFFSET [AS] o
            out[i] = " ".repeat(4);
            out[next] = " ".repeat(6);
            int k = nextMeaningful(t, next + 1);
            if (k > 0 && t.get(k).isWord("as")) {
                out[k] = "  ";
                k = nextMeaningful(t, k + 1);
            }
            if (k > 0 && t.get(k).type() == Token.Type.WORD && !isClauseWord(t.get(k).text())) {
                out[k] = " ".repeat(t.get(k).text().length());
            }
            applied.add("with-offset");
            return;
        }
        if (w.equals("case") && nt != null && (nt.isWord("else") || nt.isWord("end"))) {
            // `case else 'other' end`: its WHEN branches came from a loop over rows only the warehouse knows
            out[i] = tok.text() + " when 1 = 0 then null";
            applied.add("case-without-when");
            return;
        }
        if (w.equals("over") && nt != null && nt.isSymbol("(")) {
            // OVER (w) with a named window -> OVER w
            int a = nextMeaningful(t, next + 1);
            int c = a < 0 ? -1 : nextMeaningful(t, a + 1);
            if (a > 0 && c > 0 && t.get(a).type() == Token.Type.WORD && t.get(c).isSymbol(")")
                    && !isClauseWord(t.get(a).text())) {
                out[next] = " ";
                out[c] = " ";
                applied.add("named-window");
            }
            return;
        }
        if ((w.equals("anti") || w.equals("semi")) && nt != null && nt.isWord("join")) {
            // Spark's LEFT ANTI / LEFT SEMI JOIN: same relations, same condition
            out[i] = " ".repeat(tok.text().length());
            applied.add("semi-anti-join");
            return;
        }
        if ((w.equals("distribute") || w.equals("cluster") || w.equals("sort")) && nt != null && nt.isWord("by")
                && out[i].equals(tok.text()) // not already blanked as a CREATE TABLE option
                && pt != null && !pt.isSymbol(",") && !pt.isSymbol("(")) {
            // Spark's DISTRIBUTE / CLUSTER / SORT BY: physical layout, no effect on the rows; blank to the end of the level
            int depth = 0;
            for (int k = i; k < t.size(); k++) {
                Token x = t.get(k);
                if (x.isSymbol("(")) {
                    depth++;
                } else if (x.isSymbol(")")) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && (x.isSymbol(";") || x.isWord("limit") || x.isWord("union"))) {
                    break;
                }
                if (x.type() != Token.Type.SPACE && x.type() != Token.Type.COMMENT) {
                    out[k] = " ".repeat(x.text().length());
                }
            }
            applied.add("spark-distribute-by");
            return;
        }
        if (w.equals("as") && nt != null && nt.isSymbol("(")) {
            // a CTE body a macro rendered to nothing or to a placeholder: make it a subquery that parses
            int inside = nextMeaningful(t, next + 1);
            int afterInside = inside < 0 ? -1 : nextMeaningful(t, inside + 1);
            if (inside > 0 && t.get(inside).isSymbol(")")) {
                out[next] = "(select 1 as __lm_empty";
                applied.add("empty-cte");
            } else if (inside > 0 && bareValue(t.get(inside)) && afterInside > 0 && t.get(afterInside).isSymbol(")")) {
                // a macro that queries the warehouse at run time returned a bare value (`{{ return(1) }}`) here
                out[next] = "(select ";
                applied.add("value-cte");
            } else if (inside > 0 && t.get(inside).type() == Token.Type.WORD && t.get(inside).text().startsWith("__lm_")) {
                int after = nextMeaningful(t, inside + 1);
                if (after > 0 && t.get(after).isSymbol("(")) {
                    after = nextMeaningful(t, matching(t, after) + 1);
                }
                if (after > 0 && t.get(after).isSymbol(")")) {
                    out[inside] = "select * from " + t.get(inside).text();
                    int args = nextMeaningful(t, inside + 1);
                    if (args > 0 && t.get(args).isSymbol("(") && nestedCall(t, args)) {
                        // a flat argument list reads as a table function's; a nested one is dropped
                        for (int k = args; k < after; k++) {
                            if (t.get(k).type() != Token.Type.SPACE) {
                                out[k] = " ".repeat(t.get(k).text().length());
                            }
                        }
                    }
                    applied.add("placeholder-cte");
                }
            }
            return;
        }
        if ((w.equals("array") || w.equals("object")) && pt != null && (pt.isSymbol("::") || pt.isWord("as") && castArgument(t, i))
                && (nt == null || !nt.isSymbol("<") && !nt.isSymbol("("))) {
            // Snowflake's ::ARRAY / ::OBJECT casts: a type JSqlParser only knows with parameters
            out[i] = "variant";
            applied.add("semi-structured-cast");
            return;
        }
        if (w.equals("current") && pt != null && isName(pt) && !RESERVED.contains(pt.text().toLowerCase(Locale.ROOT))
                && (nt == null || !nt.isWord("row"))) {
            // `join balance_current current on ..`: CURRENT as a table alias (Spark)
            out[i] = quoted(tok.text(), dialect);
            applied.add("reserved-word-name");
            return;
        }
        if (w.equals("as") && pt != null && isName(pt) && nt != null && nt.type() == Token.Type.WORD
                && DANGLING_AS_BEFORE.contains(nt.text().toLowerCase(Locale.ROOT))) {
            // `FROM t AS WHERE ..`: an AS with no alias, which Spark tolerates
            out[i] = "  ";
            applied.add("dangling-as");
            return;
        }
        if (w.equals("stream") && pt != null && (pt.isWord("from") || pt.isWord("join")) && nt != null
                && (nt.type() == Token.Type.WORD || nt.type() == Token.Type.QUOTED_NAME || nt.isSymbol("("))) {
            // Databricks' `FROM STREAM read_files(..)` / `FROM STREAM t`: the same relation, read incrementally
            out[i] = " ".repeat(tok.text().length());
            applied.add("stream-relation");
            return;
        }
        if (w.equals("interval") && nt != null && nt.type() == Token.Type.NUMBER) {
            multiUnitInterval(t, out, next, applied);
            return;
        }
        if (RESERVED.contains(w) && pt != null && (pt.isSymbol(".") && prev > 0 && isName(t.get(prevMeaningful(t, prev - 1)))
                || pt.isWord("as") && (nt == null || nt.isSymbol(",") || nt.isSymbol(")") || nt.isSymbol(";") || nt.isWord("from")
                        || nt.type() == Token.Type.WORD && DANGLING_AS_BEFORE.contains(nt.text().toLowerCase(Locale.ROOT)))
                || (w.equals("from") || w.equals("to")) && nt != null && COMPARISONS.contains(nt.text())
                && (pt.isWord("when") || pt.isWord("and") || pt.isWord("or") || pt.isSymbol("(") || pt.isWord("where"))
                // Spark columns named from/to: `x = to then`, a select item between commas, the last one before FROM
                || w.equals("to") && COMPARISONS.contains(pt.text()) && nt != null && (nt.isWord("then") || nt.isWord("and")
                        || nt.isWord("or") || nt.isWord("else") || nt.isWord("end") || nt.isSymbol(")"))
                || (w.equals("from") || w.equals("to")) && pt.isSymbol(",") && nt != null && nt.isSymbol(",")
                || w.equals("to") && pt.isSymbol(",") && nt != null && nt.isWord("from")
                // a reserved word as a table alias in an expression (`when from.rate > 0`)
                || nt != null && nt.isSymbol(".") && (pt.isWord("when") || pt.isWord("then") || pt.isWord("else")
                        || pt.isWord("and") || pt.isWord("or") || pt.isWord("on") || pt.isWord("select")
                        || pt.isSymbol(",") || pt.isSymbol("(") || COMPARISONS.contains(pt.text())))) {
            // a reserved word as an alias or after a dot (Spark, BigQuery and Snowflake allow `as from`, `t.from`)
            out[i] = quoted(tok.text(), dialect);
            applied.add("reserved-word-name");
            return;
        }
        if (w.equals("prior") && nt != null && isName(nt)) {
            return; // CONNECT BY x = PRIOR y: the operator, not a column
        }
        if (KEYWORD_NAMES.contains(w) && (nt == null || !nt.isSymbol("(")) && usedAsName(pt, nt)
                && !(w.equals("both") && pt != null && pt.isSymbol("(") && prev > 0 && prevMeaningful(t, prev - 1) >= 0
                        && t.get(prevMeaningful(t, prev - 1)).isWord("trim"))) {
            out[i] = quoted(tok.text(), dialect);
            applied.add("keyword-name");
        }
    }

    private static final Set<String> DANGLING_AS_BEFORE = Set.of(
            "where", "group", "order", "limit", "join", "left", "right", "inner", "full", "cross", "union", "having",
            "qualify", "on");

    private static final Set<String> INTERVAL_UNITS = Set.of(
            "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
            "second", "seconds", "millisecond", "milliseconds", "microsecond", "microseconds");

    /** Spark's {@code INTERVAL 1 WEEK 12 HOURS} becomes the string form {@code INTERVAL '1 WEEK 12 HOURS'}. */
    private static void multiUnitInterval(List<Token> t, String[] out, int first, List<String> applied) {
        int k = first;
        int lastUnit = -1;
        int pairs = 0;
        while (k > 0 && t.get(k).type() == Token.Type.NUMBER) {
            int unit = nextMeaningful(t, k + 1);
            if (unit < 0 || t.get(unit).type() != Token.Type.WORD
                    || !INTERVAL_UNITS.contains(t.get(unit).text().toLowerCase(Locale.ROOT))) {
                break;
            }
            pairs++;
            lastUnit = unit;
            k = nextMeaningful(t, unit + 1);
        }
        if (pairs < 2) {
            return;
        }
        for (int j = first; j <= lastUnit; j++) {
            if (t.get(j).type() == Token.Type.COMMENT) {
                return; // a comment inside would end up inside the string
            }
        }
        out[first] = "'" + t.get(first).text();
        out[lastUnit] = t.get(lastUnit).text() + "'";
        applied.add("multi-unit-interval");
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");

    /** Reserved words that a dialect still accepts as an alias or after a dot. */
    static final Set<String> RESERVED = Set.of(
            "from", "to", "order", "group", "select", "where", "limit", "current", "sample", "by", "on", "in", "is",
            "all", "any", "table", "union", "join", "left", "right", "full", "inner", "outer", "cross", "natural",
            "using", "having", "window", "set", "values", "case", "when", "then", "else", "end", "and", "or", "not",
            "null", "true", "false", "with", "distinct", "into", "desc", "asc", "exists", "between", "like", "rows",
            "range", "partition", "over", "qualify", "fetch", "offset", "top", "interval", "default", "primary", "key",
            "unique", "check", "references", "create", "drop", "alter", "insert", "update", "delete", "merge", "grant",
            "column", "if", "for", "of", "only", "escape", "except", "intersect", "minus", "lateral", "semi");

    /** Every word {@link #rewriteWord} may act on: any other word is passed by without looking around it. */
    private static final Set<String> REWRITE_TRIGGERS = java.util.stream.Stream.of(
                    Set.of("anti", "array", "as", "cluster", "current", "distribute", "from", "ignore", "ilike", "interval",
                            "like", "object", "over", "respect", "semi", "similar", "sort", "stream", "to", "with"),
                    RESERVED, KEYWORD_NAMES)
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static boolean isName(Token t) {
        return t.type() == Token.Type.WORD || t.type() == Token.Type.QUOTED_NAME;
    }

    private static String quoted(String name, Dialect dialect) {
        return dialect == Dialect.BIGQUERY || dialect == Dialect.DATABRICKS ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** A keyword-like word is a name after a dot, before a dot, after AS/FROM/JOIN/comma/SELECT, before AS/comma. */
    private static boolean usedAsName(Token prev, Token next) {
        if (prev != null && (prev.isSymbol(".") || prev.isSymbol(",") || prev.isWord("as") || prev.isWord("from")
                || prev.isWord("then") || prev.isWord("else") || prev.isWord("when")
                || prev.isWord("join") || prev.isWord("select") || prev.isWord("by") || prev.isWord("with")
                || prev.isSymbol("(") || prev.isSymbol("=") || prev.isWord("on") || prev.isWord("and")
                || prev.isWord("where") || prev.isWord("or") || prev.isWord("having"))) {
            return true;
        }
        // `uuid IS NOT NULL`, `number >= 3`, `final IN (..)`: a column in a condition
        return next != null && (next.isSymbol(".") || next.isSymbol(",") || next.isWord("as") || next.isSymbol("=")
                || next.isWord("from") || next.isSymbol(")") || next.isWord("is") || next.isWord("in")
                || next.type() == Token.Type.SYMBOL && COMPARISONS.contains(next.text()));
    }

    private static boolean isClauseWord(String w) {
        return Set.of("select", "from", "where", "group", "order", "limit", "join", "on", "left", "right", "inner",
                "full", "cross", "union", "having", "qualify", "window", "partition", "rows", "range").contains(w.toLowerCase(Locale.ROOT));
    }

    /** True when the word at {@code i} is the type of a CAST(... AS type). */
    private static boolean castArgument(List<Token> t, int i) {
        int depth = 0;
        for (int k = i - 1; k >= 0; k--) {
            Token x = t.get(k);
            if (x.isSymbol(")")) {
                depth++;
            } else if (x.isSymbol("(")) {
                if (depth == 0) {
                    int p = prevMeaningful(t, k - 1);
                    return p >= 0 && (t.get(p).isWord("cast") || t.get(p).isWord("try_cast") || t.get(p).isWord("safe_cast"));
                }
                depth--;
            }
        }
        return false;
    }

    /** True when the comma at {@code i} sits inside a function call's parentheses (EXTRACT(x FROM y) has no comma). */
    private static boolean insideCall(List<Token> t, int i) {
        int depth = 0;
        for (int k = i - 1; k >= 0; k--) {
            Token x = t.get(k);
            if (x.isSymbol(")")) {
                depth++;
            } else if (x.isSymbol("(")) {
                if (depth == 0) {
                    int p = prevMeaningful(t, k - 1);
                    return p >= 0 && t.get(p).type() == Token.Type.WORD && !t.get(p).isWord("as")
                            && !t.get(p).isWord("in") && !t.get(p).isWord("exists");
                }
                depth--;
            }
        }
        return false;
    }

    /**
     * Whitespace or a comment as one space, keeping every line break so lines still map back to the file. Each break
     * is followed by a space: a run of blank lines is a statement separator to JSqlParser, so no line may be left
     * empty.
     */
    static String compactKeepingLines(String text) {
        int n = text.length();
        StringBuilder b = null;
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                if (b == null) {
                    b = new StringBuilder(8);
                }
                b.append(c);
                if (c == '\n' || k + 1 >= n || text.charAt(k + 1) != '\n') {
                    b.append(' ');
                }
            }
        }
        return b == null ? " " : b.toString();
    }

    /** Double-quoted, raw and triple-quoted strings become standard single-quoted strings of the same lines. */
    static String asStandardString(String s) {
        String body;
        char first = s.charAt(0);
        boolean raw = first == 'r' || first == 'R' || first == 'b' || first == 'B';
        String q = raw ? s.substring(1) : s;
        if (q.length() >= 6 && (q.startsWith("'''") || q.startsWith("\"\"\"")) && q.endsWith(q.substring(0, 3))) {
            body = q.substring(3, q.length() - 3);
        } else if (q.length() >= 2 && q.charAt(0) == '"' && q.endsWith("\"")) {
            body = q.substring(1, q.length() - 1).replace("\\\"", "\"");
        } else if (raw && q.length() >= 2 && q.charAt(0) == '\'' && q.endsWith("'")) {
            body = q.substring(1, q.length() - 1);
        } else if (q.length() >= 2 && q.charAt(0) == '\'' && q.endsWith("'") && q.contains("\\'")) {
            body = q.substring(1, q.length() - 1).replace("\\'", "''");
            return "'" + body + "'";
        } else {
            return s;
        }
        return "'" + body.replace("\\'", "'").replace("'", "''") + "'";
    }

    static int nextMeaningful(List<Token> t, int from) {
        for (int k = from; k < t.size(); k++) {
            if (!t.get(k).isTrivia()) {
                return k;
            }
        }
        return -1;
    }

    static int prevMeaningful(List<Token> t, int from) {
        for (int k = from; k >= 0; k--) {
            if (!t.get(k).isTrivia()) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code x similar to 'p' = false} (also {@code like}, {@code ilike}; {@code = true}, {@code <> false}...): JSqlParser
     * takes no comparison after a pattern match. Compared with a boolean it is the match itself or its negation, so
     * {@code = false} becomes {@code not similar to 'p'} and {@code = true} is dropped; the lines stay.
     */
    private static boolean patternMatchComparedToBoolean(List<Token> t, String[] out, int i, List<String> applied) {
        int k = i;
        if (t.get(i).isWord("similar")) {
            k = nextMeaningful(t, i + 1);
            if (k < 0 || !t.get(k).isWord("to")) {
                return false;
            }
        }
        int pattern = nextMeaningful(t, k + 1);
        int op = pattern < 0 ? -1 : nextMeaningful(t, pattern + 1);
        int value = op < 0 ? -1 : nextMeaningful(t, op + 1);
        if (value < 0 || t.get(pattern).type() != Token.Type.STRING
                || !(t.get(op).isSymbol("=") || t.get(op).isSymbol("<>") || t.get(op).isSymbol("!="))
                || !(t.get(value).isWord("true") || t.get(value).isWord("false"))) {
            return false;
        }
        int after = nextMeaningful(t, value + 1);
        if (after > 0 && (t.get(after).isSymbol(".") || t.get(after).isSymbol("(") || t.get(after).isSymbol("::"))) {
            return false;
        }
        boolean negate = t.get(op).isSymbol("=") == t.get(value).isWord("false");
        if (negate) {
            int prev = prevMeaningful(t, i - 1);
            if (prev >= 0 && t.get(prev).isWord("not")) {
                out[prev] = " ".repeat(t.get(prev).text().length());
            } else {
                out[i] = "not " + out[i];
            }
        }
        out[op] = " ".repeat(t.get(op).text().length());
        out[value] = " ".repeat(t.get(value).text().length());
        applied.add("pattern-match-compared-to-boolean");
        return true;
    }

    static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).isSymbol("(")) {
                depth++;
            } else if (t.get(k).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    /**
     * Words whose rewrite depends on what follows, looked at before {@link #rewriteWord}: BigQuery's parameterised
     * {@code STRUCT<..>} type (JSqlParser reads {@code STRUCT<a INT64>(..)} as a constructor but not as a cast's
     * type, nor inside {@code ARRAY<..>}), {@code ARRAY<..>[..]} constructors of such types, Postgres'
     * {@code GROUP BY DISTINCT} (the same groups, duplicates of grouping sets dropped), and a type name used as a
     * table qualifier ({@code int.key}). True when it rewrote.
     */
    private static boolean typeOrGroupWord(List<Token> t, String[] out, int i, Dialect dialect, List<String> applied) {
        Token tok = t.get(i);
        String text = tok.text();
        if (text.length() < 3 || text.length() > 9) {
            return false;
        }
        if (!out[i].equals(text)) {
            return true; // inside a type an earlier rewrite already blanked
        }
        if (tok.isWord("struct") || tok.isWord("array")) {
            int lt = nextMeaningful(t, i + 1);
            if (lt < 0 || !t.get(lt).isSymbol("<")) {
                return false;
            }
            int gt = closingAngle(t, lt);
            if (gt < 0) {
                return false;
            }
            int after = nextMeaningful(t, gt + 1);
            int prev = prevMeaningful(t, i - 1);
            boolean constructorArgs = after > 0 && t.get(after).isSymbol("(");
            boolean arrayLiteral = after > 0 && t.get(after).isSymbol("[");
            boolean typePosition = prev >= 0 && (t.get(prev).isSymbol("<") || t.get(prev).isSymbol(",")
                    && insideAngles(t, prev) || t.get(prev).isWord("as") && castArgument(t, i));
            if (tok.isWord("struct") && typePosition && !constructorArgs) {
                blank(t, out, lt, gt);
                out[i] = "__lm_struct";
                applied.add("struct-type");
                return true;
            }
            if (tok.isWord("array") && arrayLiteral && !typePosition && containsWord(t, lt, gt, "struct")) {
                // ARRAY<STRUCT<a INT64>>[(1)]: the element type only types the literal
                blank(t, out, lt, gt);
                applied.add("typed-array-literal");
                return true;
            }
            return false;
        }
        if (tok.isWord("group")) {
            int by = nextMeaningful(t, i + 1);
            int d = by < 0 ? -1 : nextMeaningful(t, by + 1);
            if (by > 0 && t.get(by).isWord("by") && d > 0 && t.get(d).isWord("distinct")) {
                out[d] = " ".repeat(t.get(d).text().length());
                applied.add("group-by-distinct");
                return true;
            }
            return false;
        }
        if (TYPE_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            int dot = nextMeaningful(t, i + 1);
            int name = dot < 0 ? -1 : nextMeaningful(t, dot + 1);
            int prev = prevMeaningful(t, i - 1);
            if (dot == i + 1 && t.get(dot).isSymbol(".") && name == dot + 1 && isName(t.get(name))
                    && (prev < 0 || !t.get(prev).isSymbol("."))) {
                // `int.key`: a table alias named like a type, used as a qualifier
                out[i] = quoted(text, dialect);
                applied.add("type-word-qualifier");
                return true;
            }
        }
        return false;
    }

    /** Type names real models use as table aliases ({@code join intermediate int}, then {@code int.key}). */
    private static final Set<String> TYPE_WORDS = Set.of("int", "integer", "date", "time", "timestamp", "char", "float",
            "double", "numeric", "decimal", "boolean");

    /** The {@code >} closing the {@code <} at {@code lt} (nested pairs counted); -1 when unbalanced or absurd. */
    private static int closingAngle(List<Token> t, int lt) {
        int depth = 0;
        for (int k = lt; k < t.size() && k < lt + 400; k++) {
            Token x = t.get(k);
            if (x.isSymbol("<")) {
                depth++;
            } else if (x.isSymbol(">")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            } else if (x.isSymbol(";") || x.isSymbol(")") && depth > 0 && !balancedParensBetween(t, lt, k)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean balancedParensBetween(List<Token> t, int from, int to) {
        int depth = 0;
        for (int k = from; k <= to; k++) {
            if (t.get(k).isSymbol("(")) {
                depth++;
            } else if (t.get(k).isSymbol(")")) {
                depth--;
            }
        }
        return depth >= 0;
    }

    /** True when the comma at {@code k} is inside an unclosed {@code <} of a type ({@code ARRAY<STRUCT<..>, ..>}). */
    private static boolean insideAngles(List<Token> t, int k) {
        int depth = 0;
        for (int j = k - 1; j >= 0 && j > k - 400; j--) {
            Token x = t.get(j);
            if (x.isSymbol(">")) {
                depth++;
            } else if (x.isSymbol("<")) {
                if (depth == 0) {
                    int w = prevMeaningful(t, j - 1);
                    return w >= 0 && (t.get(w).isWord("struct") || t.get(w).isWord("array"));
                }
                depth--;
            } else if (x.isSymbol("(") || x.isSymbol(")") || x.isSymbol(";")) {
                return false;
            }
        }
        return false;
    }

    private static boolean containsWord(List<Token> t, int from, int to, String word) {
        for (int k = from; k <= to; k++) {
            if (t.get(k).isWord(word)) {
                return true;
            }
        }
        return false;
    }

    /** Blanks tokens {@code from..to} keeping their line breaks. */
    private static void blank(List<Token> t, String[] out, int from, int to) {
        for (int k = from; k <= to; k++) {
            String x = t.get(k).text();
            out[k] = x.indexOf('\n') < 0 ? " ".repeat(x.length()) : x.replaceAll("[^\\n]", " ");
        }
    }

    private static boolean atLineStart(List<Token> t, int i) {
        if (i == 0) {
            return true;
        }
        Token p = t.get(i - 1);
        return p.type() == Token.Type.SPACE && p.text().indexOf('\n') >= 0 && p.text().substring(p.text().lastIndexOf('\n') + 1).isBlank();
    }

    /**
     * A psql meta-command line ({@code \set ON_ERROR_STOP on}, {@code \connect db}, {@code \i file.sql}) in a script:
     * instructions to psql, not SQL. Skipped to the end of its line; the rewrite's name is the note.
     */
    private static void psqlMetaCommand(List<Token> t, String[] out, int i, List<String> applied) {
        for (int k = i; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.type() == Token.Type.SPACE && x.text().indexOf('\n') >= 0) {
                break;
            }
            if (x.type() != Token.Type.SPACE) {
                out[k] = x.text().indexOf('\n') < 0 ? " ".repeat(x.text().length()) : x.text().replaceAll("[^\\n]", " ");
            }
        }
        applied.add("psql-meta-command skipped");
    }

    /**
     * DuckDB's FROM-first queries, at the start of the statement or of a parenthesised query: {@code FROM t} alone is
     * {@code SELECT * FROM t}; {@code FROM t SELECT a, b WHERE ..} is {@code SELECT a, b FROM t WHERE ..}. The select
     * list moves to the FROM's line (its own lines stay, blank), so every other line keeps its number.
     */
    private static void fromFirst(List<Token> t, String[] out, List<String> applied) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("from")) {
                continue;
            }
            int prev = prevMeaningful(t, i - 1);
            if (prev >= 0 && !t.get(prev).isSymbol("(") && !t.get(prev).isSymbol(";")) {
                continue;
            }
            // the query's level: to the closing parenthesis, a semicolon, or the end
            int depth = 0;
            int select = -1;
            int listEnd = -1;
            int k = i + 1;
            for (; k < t.size(); k++) {
                Token x = t.get(k);
                if (x.isSymbol("(")) {
                    depth++;
                } else if (x.isSymbol(")")) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && x.isSymbol(";")) {
                    break;
                } else if (depth == 0 && select < 0 && x.isWord("select")) {
                    select = k;
                } else if (depth == 0 && select >= 0 && listEnd < 0 && x.type() == Token.Type.WORD
                        && FROM_FIRST_CLAUSES.contains(x.text().toLowerCase(Locale.ROOT))) {
                    listEnd = k;
                }
            }
            if (select < 0) {
                if (prev < 0 || t.get(prev).isSymbol(";") || t.get(prev).isSymbol("(")) {
                    out[i] = "select * " + out[i];
                    applied.add("from-first");
                }
                continue;
            }
            if (listEnd < 0) {
                listEnd = k;
            }
            StringBuilder list = new StringBuilder("select ");
            for (int j = select + 1; j < listEnd; j++) {
                list.append(out[j].indexOf('\n') < 0 ? out[j] : out[j].replace('\n', ' '));
            }
            blank(t, out, select, listEnd - 1);
            out[i] = list + " " + out[i];
            applied.add("from-first");
        }
    }

    private static final Set<String> FROM_FIRST_CLAUSES = Set.of("where", "group", "having", "order", "limit",
            "qualify", "window", "union", "except", "intersect");


    /**
     * A macro placeholder ({@code __lm_fill_staging_columns(..)}, an unknown package macro that renders select items)
     * right after another select item with no comma between: dbt's macro rendered its own leading comma, or
     * rendered several items, which the placeholder stands for. In a select list it is an item of its own.
     */
    private static void placeholderSelectItem(List<Token> t, String[] out, int i, List<String> applied) {
        int prev = prevMeaningful(t, i - 1);
        if (prev < 0) {
            return;
        }
        Token p = t.get(prev);
        boolean afterItem = p.type() == Token.Type.WORD && (p.text().startsWith("__lm_") || !RESERVED.contains(p.text().toLowerCase(Locale.ROOT))
                && !SELECT_MODIFIERS.contains(p.text().toLowerCase(Locale.ROOT)))
                || p.type() == Token.Type.QUOTED_NAME || p.isSymbol(")") || p.type() == Token.Type.NUMBER || p.type() == Token.Type.STRING;
        if (!afterItem) {
            return;
        }
        if (inSelectList(t, prev)) {
            out[i] = ", " + out[i];
            applied.add("placeholder-select-item");
        } else if (inPartitionOrGroupList(t, prev)) {
            out[i] = ", " + out[i];
            applied.add("placeholder-by-item");
        }
    }

    /**
     * True when token {@code k} is in a {@code PARTITION BY} or {@code GROUP BY} list: walking back at its depth, the
     * first clause word is {@code BY} after {@code PARTITION} or {@code GROUP} (a package macro such as
     * {@code fivetran_utils.partition_by_source_relation} renders its own leading comma and column there).
     */
    private static boolean inPartitionOrGroupList(List<Token> t, int k) {
        int depth = 0;
        for (int j = k; j >= 0; j--) {
            Token x = t.get(j);
            if (x.isSymbol(")")) {
                depth++;
            } else if (x.isSymbol("(")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && x.type() == Token.Type.WORD) {
                String w = x.text().toLowerCase(Locale.ROOT);
                if (w.equals("by")) {
                    int before = prevMeaningful(t, j - 1);
                    return before >= 0 && (t.get(before).isWord("partition") || t.get(before).isWord("group"));
                }
                if (isClauseWord(w) || w.equals("as") || w.equals("order")) {
                    return false;
                }
            }
        }
        return false;
    }

    private static final Set<String> SELECT_MODIFIERS = Set.of("distinct", "all", "top", "as");

    /** True when token {@code k} is in a SELECT list: the nearest clause word before it at its depth is SELECT. */
    private static boolean inSelectList(List<Token> t, int k) {
        int depth = 0;
        for (int j = k; j >= 0; j--) {
            Token x = t.get(j);
            if (x.isSymbol(")")) {
                depth++;
            } else if (x.isSymbol("(")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && x.type() == Token.Type.WORD) {
                String w = x.text().toLowerCase(Locale.ROOT);
                if (w.equals("select")) {
                    return true;
                }
                if (isClauseWord(w) || w.equals("as") && j == k) {
                    return false;
                }
            }
        }
        return false;
    }


    /**
     * BigQuery only: {@code JSON_VALUE(x)} / {@code JSON_QUERY(x)} with the path left out is the path {@code '$'}
     * (JSqlParser requires it), and a {@code CREATE TABLE}'s {@code PARTITION BY}, {@code CLUSTER BY} and
     * {@code OPTIONS(..)} before {@code AS} are storage settings, blanked so the statement and its query parse.
     */
    private static void bigQueryDdlAndJson(List<Token> t, String[] out, int i, List<String> applied) {
        Token tok = t.get(i);
        if (tok.isWord("json_value") || tok.isWord("json_query")) {
            int open = nextMeaningful(t, i + 1);
            if (open < 0 || !t.get(open).isSymbol("(")) {
                return;
            }
            int close = matching(t, open);
            if (close < 0) {
                return;
            }
            int depth = 0;
            for (int k = open + 1; k < close; k++) {
                if (t.get(k).isSymbol("(") || t.get(k).isSymbol("[")) {
                    depth++;
                } else if (t.get(k).isSymbol(")") || t.get(k).isSymbol("]")) {
                    depth--;
                } else if (depth == 0 && t.get(k).isSymbol(",")) {
                    return;
                }
            }
            out[close] = ", '$')";
            applied.add("json-default-path");
            return;
        }
        if (!tok.isWord("create") || prevMeaningful(t, i - 1) >= 0) {
            return;
        }
        int k = nextMeaningful(t, i + 1);
        while (k > 0 && (t.get(k).isWord("or") || t.get(k).isWord("replace") || t.get(k).isWord("temp")
                || t.get(k).isWord("temporary"))) {
            k = nextMeaningful(t, k + 1);
        }
        if (k < 0 || !t.get(k).isWord("table")) {
            return;
        }
        int depth = 0;
        int blankFrom = -1;
        for (int j = k + 1; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && x.isWord("as")) {
                break;
            } else if (depth == 0 && blankFrom < 0 && (x.isWord("partition") || x.isWord("cluster"))
                    && nextMeaningful(t, j + 1) > 0 && t.get(nextMeaningful(t, j + 1)).isWord("by") || depth == 0 && x.isWord("options")) {
                blankFrom = j;
            }
            if (blankFrom >= 0 && x.type() != Token.Type.SPACE && x.type() != Token.Type.COMMENT) {
                out[j] = " ".repeat(x.text().length());
            }
        }
        if (blankFrom >= 0) {
            applied.add("table-storage-options");
        }
    }

}
