package dev.lastmile.dbt.model;

import dev.lastmile.dbt.Dialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Builds the statement model from JSqlParser's tree. Structure (CTEs, FROM, joins, conditions, set operations)
 * comes from the tree; each expression is read by {@link Expressions} from the tree's text so both builders judge
 * expressions alike; lines come from the tree's tokens, offset to the rendered file.
 */
public final class TreeQueryBuilder {

    private final int startOffset;
    /** Added to a token's line: the statement's place in the file, plus a part's place in the statement. */
    private int lineOffset;
    private final Dialect dialect;
    private final int fallbackLine;

    private TreeQueryBuilder(int startLine, Dialect dialect) {
        this.startOffset = startLine - 1;
        this.lineOffset = startOffset;
        this.dialect = dialect;
        this.fallbackLine = startLine;
    }

    /**
     * A CTE body or the final query of a {@code with} statement, parsed apart from the rest of its statement.
     *
     * @param name      the CTE's name as written (unused for the final query)
     * @param tree      its tree; for the final query, a tree whose own CTEs are ignored
     * @param lineShift added to the tree's token lines to give lines of the whole statement
     */
    public record Part(String name, Select tree, int lineShift) {
    }

    /**
     * The model of {@code with <ctes> <final query>} from its parts, each parsed on its own (so that the two
     * renderings of an incremental model parse what they share once): the same model as building from the tree of
     * the whole statement.
     */
    public static SqlStatement buildFromParts(List<Part> ctes, Part finalQuery, int startLine, int endLine, Dialect dialect) {
        TreeQueryBuilder b = new TreeQueryBuilder(startLine, dialect);
        List<Query.Cte> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Part p : ctes) {
            String n = unquote(p.name());
            names.add(n);
            b.lineOffset = b.startOffset + p.lineShift();
            Query q = b.select(p.tree(), names);
            built.add(new Query.Cte(n, q, q.line()));
        }
        b.lineOffset = b.startOffset + finalQuery.lineShift();
        Query body = b.body(finalQuery.tree(), names);
        return new SqlStatement(SqlStatement.Kind.SELECT, withCtes(built, body), "", false, true, "", startLine, endLine);
    }

    public static SqlStatement build(Statement st, int startLine, int endLine, Dialect dialect) {
        TreeQueryBuilder b = new TreeQueryBuilder(startLine, dialect);
        if (st instanceof Select s) {
            return new SqlStatement(SqlStatement.Kind.SELECT, b.select(s, Set.of()), "", false, true, "", startLine, endLine);
        }
        if (st instanceof Insert i) {
            Query q = i.getSelect() == null ? null : b.select(i.getSelect(), Set.of());
            return new SqlStatement(SqlStatement.Kind.INSERT, q, name(i.getTable()), false, true, "", startLine, endLine);
        }
        if (st instanceof CreateTable c) {
            Query q = c.getSelect() == null ? null : b.select(c.getSelect(), Set.of());
            return new SqlStatement(SqlStatement.Kind.CREATE, q, name(c.getTable()), false, true, "", startLine, endLine);
        }
        if (st instanceof CreateView v) {
            Query q = v.getSelect() == null ? null : b.select(v.getSelect(), Set.of());
            return new SqlStatement(SqlStatement.Kind.CREATE, q, name(v.getView()), false, true, "", startLine, endLine);
        }
        if (st instanceof Delete d) {
            return new SqlStatement(SqlStatement.Kind.DELETE, null, name(d.getTable()), d.getWhere() != null, true, "", startLine, endLine);
        }
        if (st instanceof Update u) {
            return new SqlStatement(SqlStatement.Kind.UPDATE, null, name(u.getTable()), u.getWhere() != null, true, "", startLine, endLine);
        }
        if (st instanceof Merge m) {
            return new SqlStatement(SqlStatement.Kind.MERGE, null, name(m.getTable()), true, true, "", startLine, endLine);
        }
        return new SqlStatement(SqlStatement.Kind.OTHER, null, "", false, true, "", startLine, endLine);
    }

    private static String name(Table t) {
        return t == null ? "" : t.getFullyQualifiedName().replace("`", "").replace("\"", "");
    }

    private Query select(Select s, Set<String> outerCtes) {
        List<Query.Cte> ctes = new ArrayList<>();
        Set<String> names = new HashSet<>(outerCtes);
        if (s.getWithItemsList() != null) {
            for (WithItem<?> w : s.getWithItemsList()) {
                String n = unquote(w.getAliasName());
                names.add(n);
                Query q = w.getSelect() != null ? select(w.getSelect(), names) : empty(fallbackLine);
                ctes.add(new Query.Cte(n, q, q.line()));
            }
        }
        return withCtes(ctes, body(s, names));
    }

    private static Query withCtes(List<Query.Cte> ctes, Query body) {
        if (ctes.isEmpty()) {
            return body;
        }
        List<Query.Cte> all = new ArrayList<>(ctes);
        all.addAll(body.ctes());
        return body.withCtes(all);
    }

    private Query body(Select s, Set<String> ctes) {
        if (s instanceof PlainSelect ps) {
            return plain(ps, ctes);
        }
        if (s instanceof ParenthesedSelect p) {
            return select(p.getSelect(), ctes);
        }
        if (s instanceof SetOperationList sol) {
            List<Query> parts = new ArrayList<>();
            for (Select part : sol.getSelects()) {
                parts.add(select(part, ctes));
            }
            if (parts.isEmpty()) {
                return empty(fallbackLine);
            }
            Query head = parts.getFirst();
            return head.withBranches(head.ctes(), parts.subList(1, parts.size()));
        }
        return empty(line(s, fallbackLine));
    }

    private Query plain(PlainSelect ps, Set<String> ctes) {
        int line = line(ps, fallbackLine);
        List<SelectItem> items = new ArrayList<>();
        for (net.sf.jsqlparser.statement.select.SelectItem<?> si : ps.getSelectItems()) {
            items.add(item(si, line));
        }
        if (!items.isEmpty()) {
            line = Math.min(line, items.getFirst().line());
        }
        Relation from = ps.getFromItem() == null ? null : relation(ps.getFromItem(), ctes, line);
        List<Join> joins = new ArrayList<>();
        if (ps.getJoins() != null) {
            for (net.sf.jsqlparser.statement.select.Join j : ps.getJoins()) {
                Relation r = relation(j.getRightItem(), ctes, line);
                List<Predicate> on = new ArrayList<>();
                for (Expression e : j.getOnExpressions()) {
                    on.addAll(conjuncts(e, Predicate.Clause.ON, r.line()));
                }
                boolean cond = !on.isEmpty() || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())
                        || r.kind() == Relation.Kind.PLACEHOLDER && j.isSimple() || j.isNatural();
                String type = j.isSimple() ? "comma" : j.isCross() ? "cross" : j.isLeft() ? "left" : j.isRight() ? "right"
                        : j.isFull() ? "full" : "inner";
                joins.add(new Join(r, type, cond, on, r.line()));
            }
        }
        List<Predicate> preds = new ArrayList<>();
        if (ps.getWhere() != null) {
            preds.addAll(conjuncts(ps.getWhere(), Predicate.Clause.WHERE, line));
        }
        if (ps.getHaving() != null) {
            preds.addAll(conjuncts(ps.getHaving(), Predicate.Clause.HAVING, line));
        }
        if (ps.getQualify() != null) {
            preds.addAll(conjuncts(ps.getQualify(), Predicate.Clause.QUALIFY, line));
        }
        List<String> groupKeys = new ArrayList<>();
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            for (Object g : ps.getGroupBy().getGroupByExpressionList()) {
                groupKeys.add(Expressions.normalized(String.valueOf(g)));
            }
        }
        boolean distinct = ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() == null
                && !ps.getDistinct().isUseUnique();
        return new Query(List.of(), from, joins, items, preds, ps.getGroupBy() != null, List.of(), line, groupKeys, distinct);
    }

    private SelectItem item(net.sf.jsqlparser.statement.select.SelectItem<?> si, int fallback) {
        int line = line(si, fallback);
        Expression e = si.getExpression();
        if (e instanceof AllColumns all) {
            String qualifier = e instanceof AllTableColumns atc ? lastPart(name(atc.getTable())) : "";
            List<String> except = new ArrayList<>();
            if (all.getExceptColumns() != null) {
                for (Column c : all.getExceptColumns()) {
                    except.add(unquote(c.getColumnName()));
                }
            }
            return new SelectItem("", e.toString(), List.of(), Derivation.DIRECT, true, qualifier, except, line);
        }
        // JSqlParser rebuilds the text on every toString(): once per item
        String text = e.toString();
        Expressions.Analysis a = Expressions.analyze(text, dialect);
        Alias alias = si.getAlias();
        String out = alias != null ? unquote(alias.getName()) : e instanceof Column c ? unquote(c.getColumnName()) : "";
        line = Math.min(line, firstColumnLine(e, line));
        return new SelectItem(out, text, a.columns(), a.derivation(), false, "", List.of(), line);
    }

    private Relation relation(FromItem f, Set<String> ctes, int fallback) {
        String alias = f.getAlias() == null ? "" : unquote(f.getAlias().getName());
        int line = line(f, fallback);
        if (f instanceof Table t) {
            String full = name(t);
            String last = lastPart(full);
            Relation.Kind kind;
            String n;
            if (ctes.contains(last) && !full.contains(".")) {
                kind = Relation.Kind.CTE;
                n = last;
            } else {
                kind = Placeholders.kindOf(last);
                n = kind == Relation.Kind.TABLE ? full : Placeholders.decode(last);
            }
            return new Relation(kind, n, alias.isEmpty() ? (kind == Relation.Kind.TABLE || kind == Relation.Kind.SOURCE ? lastPart(n) : n) : alias, null, line);
        }
        if (f instanceof ParenthesedSelect p) {
            Query q = select(p.getSelect(), ctes);
            return new Relation(Relation.Kind.SUBQUERY, "", alias, q, Math.min(line, q.line()));
        }
        if (f instanceof ParenthesedFromItem pf) {
            return relation(pf.getFromItem(), ctes, fallback);
        }
        return new Relation(Relation.Kind.PLACEHOLDER, f.toString().toLowerCase(Locale.ROOT), alias, null, line);
    }

    private List<Predicate> conjuncts(Expression e, Predicate.Clause clause, int fallback) {
        List<Predicate> out = new ArrayList<>();
        List<Expression> parts = new ArrayList<>();
        flattenAnd(e, parts);
        for (Expression p : parts) {
            int line = firstColumnLine(p, fallback);
            if (p instanceof ComparisonOperator c) {
                out.add(pred(p, c.getStringExpression(), c.getLeftExpression(), c.getRightExpression(), clause, line));
            } else if (p instanceof Between b) {
                Expressions.Analysis l = Expressions.analyze(b.getLeftExpression().toString(), dialect);
                Expressions.Analysis r = Expressions.analyze(b.getBetweenExpressionStart() + " and " + b.getBetweenExpressionEnd(), dialect);
                out.add(new Predicate(p.toString(), "between", l.columns(), r.columns(), clause, line));
            } else if (p instanceof InExpression in) {
                out.add(pred(p, "in", in.getLeftExpression(), in.getRightExpression(), clause, line));
            } else if (p instanceof LikeExpression like) {
                out.add(pred(p, "like", like.getLeftExpression(), like.getRightExpression(), clause, line));
            } else if (p instanceof IsNullExpression isNull) {
                Expressions.Analysis l = Expressions.analyze(isNull.getLeftExpression().toString(), dialect);
                out.add(new Predicate(p.toString(), "is", l.columns(), List.of(), clause, line));
            } else {
                String text = p.toString();
                Expressions.Analysis a = Expressions.analyze(text, dialect);
                out.add(new Predicate(text, "", a.columns(), List.of(), clause, line));
            }
        }
        return out;
    }

    private Predicate pred(Expression whole, String op, Expression left, Expression right, Predicate.Clause clause, int line) {
        Expressions.Analysis l = Expressions.analyze(String.valueOf(left), dialect);
        Expressions.Analysis r = right == null ? new Expressions.Analysis(List.of(), Derivation.CONSTANT, List.of())
                : Expressions.analyze(right.toString(), dialect);
        return new Predicate(whole.toString(), op.trim().toLowerCase(Locale.ROOT), l.columns(), r.columns(), clause, line);
    }

    private static void flattenAnd(Expression e, List<Expression> out) {
        if (e instanceof AndExpression a) {
            flattenAnd(a.getLeftExpression(), out);
            flattenAnd(a.getRightExpression(), out);
        } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> pl
                && pl.size() == 1 && pl.get(0) instanceof AndExpression inner) {
            flattenAnd(inner, out);
        } else {
            out.add(e);
        }
    }

    /** The line of the first column an expression reads (JSqlParser keeps tokens on columns and tables). */
    private int firstColumnLine(Expression e, int fallback) {
        int[] best = {Integer.MAX_VALUE};
        try {
            e.accept(new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    int l = line(column, Integer.MAX_VALUE);
                    best[0] = Math.min(best[0], l);
                    return null;
                }
            }, null);
        } catch (RuntimeException ignored) {
            // a visitor gap in JSqlParser: keep the fallback line
        }
        return best[0] == Integer.MAX_VALUE ? fallback : best[0];
    }

    private int line(Object o, int fallback) {
        if (o instanceof ASTNodeAccess a) {
            Node n = a.getASTNode();
            if (n != null && n.jjtGetFirstToken() != null) {
                return n.jjtGetFirstToken().beginLine + lineOffset;
            }
        }
        return fallback;
    }

    private static Query empty(int line) {
        return new Query(List.of(), null, List.of(), List.of(), List.of(), false, List.of(), line);
    }

    private static String unquote(String s) {
        if (s == null) {
            return "";
        }
        String u = s.strip();
        if (u.length() >= 2 && (u.startsWith("`") || u.startsWith("\"")) && u.endsWith(u.substring(0, 1))) {
            return u.substring(1, u.length() - 1);
        }
        return u.toLowerCase(Locale.ROOT);
    }

    private static String lastPart(String dotted) {
        int d = dotted.lastIndexOf('.');
        return (d < 0 ? dotted : dotted.substring(d + 1)).toLowerCase(Locale.ROOT);
    }
}
