package dev.lastmile.check.sql.temporal;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.dbt.model.ColumnLineage;
import dev.lastmile.dbt.model.ColumnRef;
import dev.lastmile.dbt.model.Join;
import dev.lastmile.dbt.model.Predicate;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The time analysis the temporal rules share: which relations of a query carry event-time columns, which are bounded
 * by a time window (a range comparison of one of their time columns against a literal, a variable or an expression
 * such as {@code current_date - 30}, in WHERE or in a join's ON), and which are tied to a bounded one by a join on
 * time columns.
 */
final class TimeWindows {

    private static final Pattern TIME_NAME = Pattern.compile(
            "(?i)(.*_(at|date|time|ts|timestamp|day|dt|on|month|week)|date|day|ts|timestamp|datetime|event_time|date_.*|period_.*|.*_start|.*_end|start_.*|end_.*)");
    /** Bookkeeping columns: when a row was loaded or changed, not when the event happened. */
    private static final Pattern AUDIT_NAME = Pattern.compile(
            "(?i)(created_at|created_on|created_date|created|updated_at|updated_on|modified_at|loaded_at|_loaded_at|inserted_at|"
                    + "synced_at|_fivetran_synced|_airbyte_.*|dbt_.*|_etl_.*|ingested_at|extracted_at|_sdc_.*|deleted_at|_dlt_.*|valid_from|valid_to"
                    // summaries of an entity's history are attributes, not the time of an event
                    + "|(first|last|min|max|latest|earliest|most_recent)_.*|.*_added)");

    /** A window on one relation. */
    record Window(Relation relation, Predicate predicate) {
    }

    /** The analysis of one query. */
    record Analysis(Query query, Map<String, Set<String>> timeColumns, Map<String, Window> windows,
                    Map<String, String> links) {

        /** The alias of the bounded relation {@code alias} is tied to, following join links. */
        Optional<String> boundVia(String alias) {
            String cur = alias;
            Set<String> seen = new LinkedHashSet<>();
            while (cur != null && seen.add(cur)) {
                if (windows.containsKey(cur)) {
                    return Optional.of(cur);
                }
                cur = links.get(cur);
            }
            return Optional.empty();
        }
    }

    private TimeWindows() {
    }

    /** Per column name: 0 not a time, 1 a bookkeeping time, 2 an event time (rules ask about the same names often). */
    private static final Map<String, Integer> TIME_KIND = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;

    private static int timeKind(String column) {
        Integer known = TIME_KIND.get(column);
        if (known != null) {
            return known;
        }
        int kind = !TIME_NAME.matcher(column).matches() ? 0 : AUDIT_NAME.matcher(column).matches() ? 1 : 2;
        if (TIME_KIND.size() < MAX_REMEMBERED) {
            TIME_KIND.put(column, kind);
        }
        return kind;
    }

    static boolean isEventTime(String column) {
        return timeKind(column) == 2;
    }

    static boolean isTime(String column) {
        return timeKind(column) > 0;
    }

    /** Every query of a statement: the query, its CTEs, subqueries and set-operation branches. */
    static List<Query> allQueries(Query q) {
        List<Query> out = new ArrayList<>();
        collect(q, out, 0);
        return out;
    }

    private static void collect(Query q, List<Query> out, int depth) {
        if (q == null || depth > 30) {
            return;
        }
        out.add(q);
        q.ctes().forEach(c -> collect(c.query(), out, depth + 1));
        q.relations().forEach(r -> collect(r.subquery(), out, depth + 1));
        q.branches().forEach(b -> collect(b, out, depth + 1));
    }

    /** The time columns of each relation of {@code q}, by alias; {@code eventOnly} leaves bookkeeping columns out. */
    static Map<String, Set<String>> timeColumns(ModelContext m, Query q, boolean eventOnly) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Relation r : q.relations()) {
            Set<String> cols = new LinkedHashSet<>();
            for (String c : columnsOf(m, q, r)) {
                if (eventOnly ? isEventTime(c) : isTime(c)) {
                    cols.add(c);
                }
            }
            for (Predicate p : q.allPredicates()) {
                for (ColumnRef c : p.columns()) {
                    if (c.qualifier().equals(r.alias()) && (eventOnly ? isEventTime(c.column()) : isTime(c.column()))) {
                        cols.add(c.column());
                    }
                }
            }
            out.put(r.alias(), cols);
        }
        return out;
    }

    static Set<String> columnsOf(ModelContext m, Query scope, Relation r) {
        Set<String> out = new LinkedHashSet<>();
        if (r.isExternal()) {
            out.addAll(m.catalog().columns(r.kind(), r.name()));
            return out;
        }
        Query inner = r.kind() == Relation.Kind.SUBQUERY ? r.subquery()
                : findCte(m, scope, r.name()).orElse(null);
        if (inner != null) {
            ColumnLineage.Output o = ColumnLineage.of(withCtes(m, inner));
            o.columns().forEach(c -> out.add(c.name()));
            o.stars().forEach(s -> out.addAll(m.catalog().columns(s.kind(), s.relation())));
        }
        return out;
    }

    /** A CTE visible from {@code scope}: its own, or the model query's. */
    static Optional<Query> findCte(ModelContext m, Query scope, String name) {
        Optional<Query.Cte> own = scope.cte(name);
        if (own.isPresent()) {
            return Optional.of(own.get().query());
        }
        return m.analysis().modelQuery().flatMap(q -> q.cte(name)).map(Query.Cte::query);
    }

    /** The CTE's query with the model's CTEs attached, so stars over sibling CTEs resolve. */
    private static Query withCtes(ModelContext m, Query inner) {
        Query model = m.analysis().modelQuery().orElse(null);
        if (model == null || model.ctes().isEmpty() || !inner.ctes().isEmpty()) {
            return inner;
        }
        return new Query(model.ctes(), inner.from(), inner.joins(), inner.items(), inner.predicates(), inner.groupBy(),
                inner.branches(), inner.line());
    }

    /** The windows, time columns and links of {@code q}, derived once per query of the file for every temporal rule. */
    static Analysis analyze(ModelContext m, Query q) {
        return m.memo().get(Analysis.class, q, x -> derive(m, x));
    }

    private static Analysis derive(ModelContext m, Query q) {
        Map<String, Set<String>> time = timeColumns(m, q, false);
        Map<String, Window> windows = new LinkedHashMap<>();
        Map<String, String> links = new HashMap<>();
        for (Predicate p : q.allPredicates()) {
            Optional<String> l = owner(p.left(), q, time);
            Optional<String> r = owner(p.right(), q, time);
            if (p.isRangeComparison() || p.operator().equals("=")) {
                if (l.isPresent() && p.right().isEmpty() && lowerBound(p, true)) {
                    windows.putIfAbsent(l.get(), new Window(q.relation(l.get()).orElseThrow(), p));
                } else if (r.isPresent() && p.left().isEmpty() && lowerBound(p, false)) {
                    windows.putIfAbsent(r.get(), new Window(q.relation(r.get()).orElseThrow(), p));
                } else if (l.isPresent() && r.isPresent() && !l.get().equals(r.get())) {
                    links.putIfAbsent(l.get(), r.get());
                    links.putIfAbsent(r.get(), l.get());
                }
            } else if (p.operator().isEmpty() && l.isPresent() && (p.text().contains(">") || p.text().contains("<"))) {
                // a parenthesised disjunction of windows: (x is null or x >= current_date - 90)
                windows.putIfAbsent(l.get(), new Window(q.relation(l.get()).orElseThrow(), p));
            }
        }
        // a CTE or subquery that filters on time inside is bounded as a whole
        for (Relation r : q.relations()) {
            if (!windows.containsKey(r.alias()) && !r.isExternal()) {
                Query inner = r.kind() == Relation.Kind.SUBQUERY ? r.subquery() : findCte(m, q, r.name()).orElse(null);
                if (inner != null && inner != q && boundedInside(m, inner, 0)) {
                    windows.put(r.alias(), new Window(r, new Predicate("(bounded inside " + r.name() + ")", ">=",
                            List.of(), List.of(), Predicate.Clause.WHERE, r.line())));
                }
            }
        }
        return new Analysis(q, time, windows, links);
    }

    /**
     * A window has a lower bound: {@code col >= x}, {@code x < col}, {@code col between a and b}. An upper bound alone
     * ({@code date <= current_date}) only cuts off today or the future; it is no window. Equality to a value that is
     * no column ({@code = @submission_date}, {@code = '{{ ds }}'}, {@code = {{ var('run_date') }}}) is a window of
     * one period (issue 16).
     */
    static boolean lowerBound(Predicate p, boolean columnOnLeft) {
        return switch (p.operator()) {
            case ">", ">=" -> columnOnLeft;
            case "<", "<=" -> !columnOnLeft;
            case "between", "=" -> true;
            default -> false;
        };
    }

    private static boolean boundedInside(ModelContext m, Query q, int depth) {
        if (depth > 10) {
            return false;
        }
        Analysis a = analyze(m, q);
        return !a.windows().isEmpty();
    }

    /** The alias whose time column {@code cols} reads, when they all belong to one relation. */
    static Optional<String> owner(List<ColumnRef> cols, Query q, Map<String, Set<String>> time) {
        String found = null;
        for (ColumnRef c : cols) {
            String alias = c.qualifier();
            if (alias.isEmpty()) {
                List<String> candidates = time.entrySet().stream().filter(e -> e.getValue().contains(c.column())).map(Map.Entry::getKey).toList();
                if (candidates.size() == 1) {
                    alias = candidates.getFirst();
                } else if (q.relations().size() == 1) {
                    alias = q.relations().getFirst().alias();
                } else {
                    return Optional.empty();
                }
            }
            if (q.relation(alias).isEmpty() || !isTime(c.column()) && !time.getOrDefault(alias, Set.of()).contains(c.column())) {
                return Optional.empty();
            }
            if (found != null && !found.equals(alias)) {
                return Optional.empty();
            }
            found = alias;
        }
        return Optional.ofNullable(found);
    }

    /** The line a relation enters the query: its join, or FROM. */
    static int entryLine(Query q, String alias) {
        for (Join j : q.joins()) {
            if (j.relation().alias().equals(alias)) {
                return j.relation().line();
            }
        }
        return q.relation(alias).map(Relation::line).orElse(q.line());
    }

    /**
     * A dimension or lookup, by its name (dim_customers, customers_dim, country_lookup, lkp_currency, xref_ids,
     * region_mapping): joined for attributes, it has no event time to bound (issue 16).
     */
    static boolean isDimension(Relation r) {
        String n = r.name().contains(".") ? r.name().substring(r.name().lastIndexOf('.') + 1) : r.name();
        return DIMENSION.matcher(n).matches();
    }

    private static final Pattern DIMENSION = Pattern.compile(
            "(?i)(dim|dims|dimension|lookup|lkp|xref|mapping)_.*|.*_(dim|dims|dimension|dimensions|lookup|lookups|lkp|xref|mapping|mappings)");

    static String label(Relation r) {
        String what = switch (r.kind()) {
            case REF -> "ref('" + r.name() + "')";
            case SOURCE -> "source " + r.name();
            case CTE -> "CTE " + r.name();
            default -> r.name().isEmpty() ? "subquery" : r.name();
        };
        return r.alias().equals(r.name()) ? what : r.alias().toLowerCase(Locale.ROOT) + " (" + what + ")";
    }
}
