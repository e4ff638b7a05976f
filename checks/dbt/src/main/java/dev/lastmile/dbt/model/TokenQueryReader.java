package dev.lastmile.dbt.model;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.sql.SqlLexer;
import dev.lastmile.dbt.sql.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cheap fallback: recovers relations, CTEs, subqueries, select lists, joins and conditions from tokens alone,
 * for statements JSqlParser rejects. It never throws and is linear in the statement's length (each token is visited
 * a bounded number of times), so a pathological statement cannot stall a scan.
 */
public final class TokenQueryReader {

    private static final Set<String> CLAUSE_END = Set.of(
            "where", "group", "having", "qualify", "order", "limit", "union", "except", "intersect", "window",
            "join", "left", "right", "inner", "full", "cross", "on", "using", "lateral", "natural", "fetch", "offset",
            "pivot", "unpivot", "sample", "tablesample", "returning", "values", "set", "when", "minus");

    private final List<Token> t;
    private final Dialect dialect;

    private TokenQueryReader(List<Token> meaningful, Dialect dialect) {
        this.t = meaningful;
        this.dialect = dialect;
    }

    /** Reads one statement; {@code startLine} is the statement's first line in the rendered file. */
    public static SqlStatement read(String statement, int startLine, Dialect dialect, String problem) {
        List<Token> raw = SqlLexer.lex(statement, dialect);
        List<Token> m = new ArrayList<>(raw.size());
        for (Token x : raw) {
            if (!x.isTrivia()) {
                m.add(new Token(x.type(), x.text(), x.start(), x.line() + startLine - 1));
            }
        }
        int endLine = raw.isEmpty() ? startLine : raw.getLast().line() + startLine - 1;
        TokenQueryReader r = new TokenQueryReader(m, dialect);
        try {
            return r.statement(startLine, endLine, problem);
        } catch (RuntimeException e) {
            // the fallback must never fail a file; an unreadable statement is simply OTHER
            return new SqlStatement(SqlStatement.Kind.OTHER, null, "", false, false, problem, startLine, endLine);
        }
    }

    private SqlStatement statement(int startLine, int endLine, String problem) {
        if (t.isEmpty()) {
            return new SqlStatement(SqlStatement.Kind.OTHER, null, "", false, false, problem, startLine, endLine);
        }
        Token first = t.getFirst();
        String w = first.text().toLowerCase(Locale.ROOT);
        int n = t.size();
        switch (w) {
            case "with", "select", "(" -> {
                return new SqlStatement(SqlStatement.Kind.SELECT, query(0, n, Set.of()), "", false, false, problem, startLine, endLine);
            }
            case "delete", "update" -> {
                int k = w.equals("delete") && n > 1 && t.get(1).isWord("from") ? 2 : 1;
                String target = k < n ? dotted(k)[0] : "";
                boolean where = topLevelIndex(0, n, "where") >= 0;
                return new SqlStatement(w.equals("delete") ? SqlStatement.Kind.DELETE : SqlStatement.Kind.UPDATE, null,
                        target, where, false, problem, startLine, endLine);
            }
            case "insert", "create", "merge" -> {
                int sel = -1;
                for (int k = 1; k < n; k++) {
                    if (t.get(k).isWord("select") || t.get(k).isWord("with")) {
                        sel = k;
                        break;
                    }
                }
                int tk = 1;
                while (tk < n && t.get(tk).type() == Token.Type.WORD && Set.of("into", "or", "replace", "table", "view",
                        "temporary", "temp", "transient", "if", "not", "exists", "materialized", "overwrite").contains(t.get(tk).text().toLowerCase(Locale.ROOT))) {
                    tk++;
                }
                String target = tk < n ? dotted(tk)[0] : "";
                SqlStatement.Kind kind = w.equals("insert") ? SqlStatement.Kind.INSERT : w.equals("create") ? SqlStatement.Kind.CREATE : SqlStatement.Kind.MERGE;
                Query q = sel >= 0 && kind != SqlStatement.Kind.MERGE ? query(sel, n, Set.of()) : null;
                return new SqlStatement(kind, q, target, false, false, problem, startLine, endLine);
            }
            default -> {
                return new SqlStatement(SqlStatement.Kind.OTHER, null, "", false, false, problem, startLine, endLine);
            }
        }
    }

    /** A query in tokens [from, to). */
    private Query query(int from, int to, Set<String> outerCtes) {
        int i = from;
        // a parenthesised query: ( select ... ) possibly followed by a set operation
        List<Query.Cte> ctes = new ArrayList<>();
        Set<String> cteNames = new HashSet<>(outerCtes);
        if (i < to && t.get(i).isWord("with")) {
            i++;
            if (i < to && t.get(i).isWord("recursive")) {
                i++;
            }
            while (i < to) {
                Token name = t.get(i);
                int line = name.line();
                i++;
                if (i < to && t.get(i).isSymbol("(")) {
                    i = close(i, to) + 1;
                }
                if (i < to && t.get(i).isWord("as")) {
                    i++;
                }
                while (i < to && t.get(i).type() == Token.Type.WORD && !t.get(i).isWord("select")) {
                    i++; // NOT MATERIALIZED / MATERIALIZED
                }
                if (i < to && t.get(i).isSymbol("(")) {
                    int c = close(i, to);
                    cteNames.add(name.name());
                    ctes.add(new Query.Cte(name.name(), query(i + 1, c, cteNames), line));
                    i = c + 1;
                }
                if (i < to && t.get(i).isSymbol(",")) {
                    i++;
                    continue;
                }
                break;
            }
        }
        // set operations split at top level
        List<Integer> cuts = new ArrayList<>();
        int depth = 0;
        for (int k = i; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (x.isWord("union") || x.isWord("intersect") || x.isWord("minus")
                    || x.isWord("except") && k > i && !t.get(k - 1).isSymbol("*") && !(k + 1 < to && t.get(k + 1).isSymbol("(") && isStarExcept(k)))) {
                cuts.add(k);
            }
        }
        if (!cuts.isEmpty()) {
            List<Query> parts = new ArrayList<>();
            int s = i;
            for (int c : cuts) {
                parts.add(core(s, c, cteNames));
                s = c + 1;
                while (s < to && (t.get(s).isWord("all") || t.get(s).isWord("distinct") || t.get(s).isWord("by") || t.get(s).isWord("name"))) {
                    s++;
                }
            }
            parts.add(core(s, to, cteNames));
            Query head = parts.getFirst();
            return head.withBranches(ctes, parts.subList(1, parts.size()));
        }
        Query core = core(i, to, cteNames);
        return core.withCtes(ctes);
    }

    private boolean isStarExcept(int k) {
        return k > 0 && t.get(k - 1).isSymbol("*");
    }

    /** SELECT items FROM relations [WHERE ...] [GROUP BY ...] ... in [from, to). */
    private Query core(int from, int to, Set<String> ctes) {
        int i = from;
        if (i < to && t.get(i).isSymbol("(")) {
            int c = close(i, to);
            if (c > i) {
                return query(i + 1, c, ctes);
            }
        }
        while (i < to && !t.get(i).isWord("select")) {
            i++;
        }
        int line = i < to ? t.get(i).line() : (from < t.size() ? t.get(Math.min(from, t.size() - 1)).line() : 1);
        i++;
        boolean distinct = i < to && t.get(i).isWord("distinct") && !(i + 1 < to && t.get(i + 1).isWord("on"));
        while (i < to && (t.get(i).isWord("distinct") || t.get(i).isWord("all") || t.get(i).isWord("top"))) {
            i++;
        }
        int fromKw = topLevelIndex(i, to, "from");
        int itemsEnd = fromKw >= 0 ? fromKw : clauseStart(i, to);
        List<SelectItem> items = new ArrayList<>();
        for (int[] seg : splitTopLevel(i, itemsEnd, ",")) {
            if (seg[1] > seg[0]) {
                items.add(item(seg[0], seg[1]));
            }
        }
        Relation first = null;
        List<Join> joins = new ArrayList<>();
        List<Predicate> predicates = new ArrayList<>();
        boolean groupBy = false;
        List<String> groupKeys = new ArrayList<>();
        int k = fromKw >= 0 ? fromKw + 1 : itemsEnd;
        if (fromKw >= 0) {
            int[] rel = new int[1];
            first = relation(k, to, ctes, rel);
            k = rel[0];
            while (k < to) {
                Token x = t.get(k);
                String type = null;
                int after = k;
                if (x.isSymbol(",")) {
                    type = "comma";
                    after = k + 1;
                } else if (x.type() == Token.Type.WORD) {
                    String w = x.text().toLowerCase(Locale.ROOT);
                    if (Set.of("join", "left", "right", "inner", "full", "cross", "natural", "lateral", "outer", "semi", "anti", "any", "asof").contains(w)) {
                        int j = k;
                        while (j < to && !t.get(j).isWord("join") && j - k < 4) {
                            j++;
                        }
                        if (j < to && t.get(j).isWord("join")) {
                            type = w.equals("join") ? "inner" : w;
                            after = j + 1;
                        } else if (w.equals("lateral")) {
                            type = "lateral";
                            after = k + 1;
                            if (after < to && t.get(after).isWord("view")) {
                                after++;
                            }
                        }
                    }
                }
                if (type == null) {
                    break;
                }
                int[] next = new int[1];
                Relation r = relation(after, to, ctes, next);
                k = next[0];
                List<Predicate> on = new ArrayList<>();
                boolean cond = type.equals("lateral") || r.kind() == Relation.Kind.PLACEHOLDER && r.name().startsWith("unnest");
                if (k < to && t.get(k).isWord("on")) {
                    int end = conditionEnd(k + 1, to);
                    on.addAll(predicates(k + 1, end, Predicate.Clause.ON));
                    cond = true;
                    k = end;
                } else if (k < to && t.get(k).isWord("using")) {
                    cond = true;
                    k++;
                    if (k < to && t.get(k).isSymbol("(")) {
                        k = close(k, to) + 1;
                    }
                }
                joins.add(new Join(r, type, cond, on, t.get(Math.min(after, to - 1)).line()));
            }
        }
        while (k < to) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                k = close(k, to) + 1;
                continue;
            }
            if (x.isWord("where") || x.isWord("having") || x.isWord("qualify")) {
                Predicate.Clause clause = x.isWord("where") ? Predicate.Clause.WHERE : x.isWord("having") ? Predicate.Clause.HAVING : Predicate.Clause.QUALIFY;
                int end = conditionEnd(k + 1, to);
                predicates.addAll(predicates(k + 1, end, clause));
                k = end;
                continue;
            }
            if (x.isWord("group") && k + 1 < to && t.get(k + 1).isWord("by")) {
                groupBy = true;
                int end = clauseStart(k + 2, to);
                for (int[] seg : splitTopLevel(k + 2, end, ",")) {
                    if (seg[1] > seg[0]) {
                        groupKeys.add(Expressions.normalized(text(seg[0], seg[1])));
                    }
                }
                k = end;
                continue;
            }
            k++;
        }
        return new Query(List.of(), first, joins, items, predicates, groupBy, List.of(), line, groupKeys, distinct);
    }

    private SelectItem item(int from, int to) {
        int line = t.get(from).line();
        Token f = t.get(from);
        // * / alias.* [EXCEPT (a, b)] [REPLACE (...)]
        int starAt = -1;
        String qualifier = "";
        if (f.isSymbol("*")) {
            starAt = from;
        } else {
            int k = from;
            StringBuilder q = new StringBuilder();
            while (k + 1 < to && (t.get(k).type() == Token.Type.WORD || t.get(k).type() == Token.Type.QUOTED_NAME) && t.get(k + 1).isSymbol(".")) {
                q.setLength(0);
                q.append(t.get(k).name());
                k += 2;
            }
            if (k < to && k > from && t.get(k).isSymbol("*")) {
                starAt = k;
                qualifier = q.toString();
            }
        }
        if (starAt >= 0) {
            List<String> except = new ArrayList<>();
            int k = starAt + 1;
            if (k < to && (t.get(k).isWord("except") || t.get(k).isWord("exclude"))) {
                k++;
                if (k < to && t.get(k).isSymbol("(")) {
                    int c = close(k, to);
                    for (int j = k + 1; j < c; j++) {
                        if (t.get(j).type() == Token.Type.WORD || t.get(j).type() == Token.Type.QUOTED_NAME) {
                            except.add(t.get(j).name());
                        }
                    }
                } else if (k < to) {
                    except.add(t.get(k).name());
                }
            }
            return new SelectItem("", text(from, to), List.of(), Derivation.DIRECT, true, qualifier, except, line);
        }
        int exprEnd = to;
        String alias = "";
        if (to - from >= 2 && t.get(to - 2).isWord("as")) {
            alias = t.get(to - 1).name();
            exprEnd = to - 2;
        } else if (to - from >= 2 && (t.get(to - 1).type() == Token.Type.WORD || t.get(to - 1).type() == Token.Type.QUOTED_NAME)
                && !Expressions.KEYWORDS.contains(t.get(to - 1).text().toLowerCase(Locale.ROOT))
                && !t.get(to - 2).isSymbol(".") && !t.get(to - 2).isSymbol("::")
                && (t.get(to - 2).isSymbol(")") || t.get(to - 2).type() == Token.Type.WORD || t.get(to - 2).type() == Token.Type.QUOTED_NAME
                || t.get(to - 2).type() == Token.Type.STRING || t.get(to - 2).type() == Token.Type.NUMBER)) {
            alias = t.get(to - 1).name();
            exprEnd = to - 1;
        }
        Expressions.Analysis a = Expressions.analyze(t.subList(from, exprEnd));
        String out = alias;
        if (out.isEmpty() && a.columns().size() == 1 && a.functions().isEmpty()) {
            out = a.columns().getFirst().column();
        }
        return new SelectItem(out, text(from, exprEnd), a.columns(), a.derivation(), false, "", List.of(), line);
    }

    /** A relation at {@code from}; writes the index after it (and its alias) into {@code end[0]}. */
    private Relation relation(int from, int to, Set<String> ctes, int[] end) {
        if (from >= to) {
            end[0] = to;
            return new Relation(Relation.Kind.PLACEHOLDER, "", "", null, from < t.size() ? t.get(from).line() : 1);
        }
        int line = t.get(from).line();
        int k = from;
        Relation.Kind kind;
        String name;
        Query sub = null;
        if (t.get(k).isSymbol("(")) {
            int c = close(k, to);
            if (k + 1 < to && (t.get(k + 1).isWord("select") || t.get(k + 1).isWord("with") || t.get(k + 1).isSymbol("("))) {
                sub = query(k + 1, c, ctes);
                kind = Relation.Kind.SUBQUERY;
            } else {
                kind = Relation.Kind.PLACEHOLDER;
            }
            name = "";
            k = c + 1;
        } else {
            String[] d = dotted(k);
            k = Integer.parseInt(d[1]);
            String last = d[2];
            if (k < to && t.get(k).isSymbol("(")) {
                // table function: unnest(...), flatten(...), table(...)
                int c = close(k, to);
                kind = Relation.Kind.PLACEHOLDER;
                name = last;
                k = c + 1;
            } else if (ctes.contains(last) && !d[0].contains(".")) {
                kind = Relation.Kind.CTE;
                name = last;
            } else {
                kind = Placeholders.kindOf(last);
                name = kind == Relation.Kind.TABLE ? d[0] : Placeholders.decode(last);
            }
        }
        String alias = "";
        if (k < to && t.get(k).isWord("as")) {
            k++;
            if (k < to) {
                alias = t.get(k).name();
                k++;
            }
        } else if (k < to && (t.get(k).type() == Token.Type.WORD || t.get(k).type() == Token.Type.QUOTED_NAME)
                && !CLAUSE_END.contains(t.get(k).text().toLowerCase(Locale.ROOT))) {
            alias = t.get(k).name();
            k++;
        }
        if (k < to && t.get(k).isSymbol("(") && !alias.isEmpty()) {
            k = close(k, to) + 1; // alias column list
        }
        if (alias.isEmpty()) {
            alias = kind == Relation.Kind.TABLE || kind == Relation.Kind.SOURCE ? lastPart(name) : name;
        }
        end[0] = k;
        return new Relation(kind, name, alias.toLowerCase(Locale.ROOT), sub, line);
    }

    private static String lastPart(String dotted) {
        int d = dotted.lastIndexOf('.');
        return (d < 0 ? dotted : dotted.substring(d + 1)).toLowerCase(Locale.ROOT);
    }

    /** {joined name, index after it, last part} of a dotted name at k. */
    private String[] dotted(int k) {
        StringBuilder b = new StringBuilder(t.get(k).name());
        String last = t.get(k).name();
        int j = k + 1;
        while (j + 1 < t.size() && t.get(j).isSymbol(".") && (t.get(j + 1).type() == Token.Type.WORD || t.get(j + 1).type() == Token.Type.QUOTED_NAME)) {
            last = t.get(j + 1).name();
            b.append('.').append(last);
            j += 2;
        }
        // a backticked `project.dataset.table` is one token
        if (last.contains(".")) {
            last = last.substring(last.lastIndexOf('.') + 1);
        }
        return new String[] {b.toString(), Integer.toString(j), last.toLowerCase(Locale.ROOT)};
    }

    private List<Predicate> predicates(int from, int to, Predicate.Clause clause) {
        List<Predicate> out = new ArrayList<>();
        int depth = 0;
        int s = from;
        boolean betweenOpen = false;
        for (int k = from; k <= to; k++) {
            if (k < to) {
                Token x = t.get(k);
                if (x.isSymbol("(")) {
                    depth++;
                } else if (x.isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && x.isWord("between")) {
                    betweenOpen = true;
                } else if (depth == 0 && x.isWord("and")) {
                    if (betweenOpen) {
                        betweenOpen = false;
                    } else {
                        out.add(predicate(s, k, clause));
                        s = k + 1;
                    }
                }
            } else if (to > s) {
                out.add(predicate(s, to, clause));
            }
        }
        return out;
    }

    private Predicate predicate(int from, int to, Predicate.Clause clause) {
        // a parenthesised conjunct ( a or b ) is kept whole; its columns count on the left
        int op = -1;
        int depth = 0;
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (x.type() == Token.Type.SYMBOL && Set.of("=", ">=", "<=", "<", ">", "<>", "!=", "==").contains(x.text())
                    || x.isWord("between") || x.isWord("in") || x.isWord("like") || x.isWord("ilike") || x.isWord("is"))) {
                op = k;
                break;
            }
        }
        int line = from < t.size() ? t.get(Math.min(from, to - 1)).line() : 1;
        if (op < 0) {
            Expressions.Analysis a = Expressions.analyze(t.subList(from, to));
            return new Predicate(text(from, to), "", a.columns(), List.of(), clause, line);
        }
        Expressions.Analysis l = Expressions.analyze(t.subList(from, op));
        Expressions.Analysis r = Expressions.analyze(t.subList(op + 1, to));
        return new Predicate(text(from, to), t.get(op).text().toLowerCase(Locale.ROOT), l.columns(), r.columns(), clause, line);
    }

    private int conditionEnd(int from, int to) {
        int depth = 0;
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && x.isSymbol(",")) {
                return k;
            } else if (depth == 0 && x.type() == Token.Type.WORD && CLAUSE_END.contains(x.text().toLowerCase(Locale.ROOT))
                    && !x.isWord("on") && !x.isWord("using") && !x.isWord("set") && !x.isWord("values") && !x.isWord("when")) {
                return k;
            }
        }
        return to;
    }

    private int clauseStart(int from, int to) {
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                k = close(k, to);
            } else if (x.type() == Token.Type.WORD && Set.of("where", "group", "having", "qualify", "order", "limit", "window").contains(x.text().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return to;
    }

    private int topLevelIndex(int from, int to, String word) {
        int depth = 0;
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(")) {
                depth++;
            } else if (x.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && x.isWord(word)) {
                return k;
            }
        }
        return -1;
    }

    private List<int[]> splitTopLevel(int from, int to, String symbol) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int s = from;
        boolean inCase = false;
        for (int k = from; k < to; k++) {
            Token x = t.get(k);
            if (x.isSymbol("(") || x.isSymbol("[")) {
                depth++;
            } else if (x.isSymbol(")") || x.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && x.isSymbol(symbol)) {
                out.add(new int[] {s, k});
                s = k + 1;
            }
        }
        out.add(new int[] {s, to});
        return out;
    }

    /** Index of the parenthesis closing the one at {@code open}, or {@code to - 1} when unbalanced. */
    private int close(int open, int to) {
        int depth = 0;
        for (int k = open; k < to; k++) {
            if (t.get(k).isSymbol("(")) {
                depth++;
            } else if (t.get(k).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return to - 1;
    }

    private String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to && k < t.size(); k++) {
            if (k > from) {
                b.append(' ');
            }
            b.append(t.get(k).text());
        }
        return b.toString();
    }
}
