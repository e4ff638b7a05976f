package dev.lastmile.check.sql.temporal;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.model.Predicate;
import dev.lastmile.dbt.model.Placeholders;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An incremental model whose {@code is_incremental()} filter narrows one source to new rows while another joined
 * source with its own event time is read whole (or the other way round: only one is narrowed).
 */
public final class IncrementalFilterMissesJoinedSource implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL022", "sql.temporal.incremental_partial_filter",
            Category.TEMPORAL, Severity.MEDIUM,
            "The is_incremental() filter covers one joined source but not another",
            "An incremental run only sees the new rows of the filtered source; new rows of the other joined source "
                    + "that match old rows of the first are never picked up, so the table silently diverges from a "
                    + "full refresh.",
            "Filter every joined source with event time in the is_incremental() branch (with a lookback for late "
                    + "data), or rebuild the affected rows with a merge on the other source's changes too.");

    /** is_incremental() is only ever true for the incremental materialization (config() or dbt_project.yml). */
    static boolean isIncrementalModel(ModelContext m) {
        return DbtAnalyzer.incrementalMaterialization(m.project(), m.path(), m.analysis().rendered().config());
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        FileAnalysis a = m.analysis();
        if (a.incremental() == null || a.incrementalParsed() == null || !isIncrementalModel(m)) {
            return List.of();
        }
        Query inc = FileAnalysis.modelQuery(a.incrementalParsed()).orElse(null);
        Query full = a.modelQuery().orElse(null);
        if (inc == null) {
            return List.of();
        }
        Set<String> fullPredicates = new HashSet<>();
        if (full != null) {
            for (Query q : TimeWindows.allQueries(full)) {
                q.allPredicates().forEach(p -> fullPredicates.add(p.text()));
            }
        }
        // the external relations each query reads, and which the incremental-only predicates bound
        Map<String, Relation> externals = new LinkedHashMap<>();
        Map<String, Set<String>> timeCols = new LinkedHashMap<>();
        Set<String> narrowed = new HashSet<>();
        Predicate filter = null;
        for (Query q : TimeWindows.allQueries(inc)) {
            Map<String, Set<String>> event = TimeWindows.timeColumns(m, q, false);
            for (Relation r : q.relations()) {
                if (r.isExternal()) {
                    externals.putIfAbsent(r.name(), r);
                    timeCols.computeIfAbsent(r.name(), k -> new java.util.LinkedHashSet<>()).addAll(event.getOrDefault(r.alias(), Set.of()));
                }
            }
            for (Predicate p : q.allPredicates()) {
                if (fullPredicates.contains(p.text())) {
                    continue;
                }
                var owner = TimeWindows.owner(p.left(), q, event);
                if (owner.isEmpty()) {
                    owner = TimeWindows.owner(p.right(), q, event);
                }
                if (owner.isPresent()) {
                    Relation r = q.relation(owner.get()).orElse(null);
                    if (r != null && r.isExternal()) {
                        narrowed.add(r.name());
                        filter = filter == null ? p : filter;
                    } else if (r != null) {
                        // a CTE or subquery narrowed as a whole: its external relations count as narrowed
                        Query inner = r.kind() == Relation.Kind.SUBQUERY ? r.subquery() : TimeWindows.findCte(m, q, r.name()).orElse(null);
                        if (inner != null) {
                            inner.relations().stream().filter(Relation::isExternal).forEach(x -> narrowed.add(x.name()));
                            filter = filter == null ? p : filter;
                        }
                    }
                }
            }
        }
        if (narrowed.isEmpty() || filter == null) {
            return List.of();
        }
        // a source joined to a narrowed one on time columns (s.valid_from <= d.date_day) is narrowed with it
        for (Query q : TimeWindows.allQueries(inc)) {
            Map<String, String> links = TimeWindows.analyze(m, q).links();
            for (Relation r : q.relations()) {
                String other = links.get(r.alias());
                Relation o = other == null ? null : q.relation(other).orElse(null);
                if (r.isExternal() && o != null && o.isExternal() && narrowed.contains(o.name())) {
                    narrowed.add(r.name());
                }
            }
        }
        int line = a.incremental().sourceLine(filter.line());
        List<String> whole = new ArrayList<>();
        for (Map.Entry<String, Relation> e : externals.entrySet()) {
            Relation r = e.getValue();
            boolean hasEventTime = timeCols.getOrDefault(e.getKey(), Set.of()).stream().anyMatch(TimeWindows::isEventTime)
                    || m.catalog().columns(r.kind(), r.name()).stream().anyMatch(TimeWindows::isEventTime);
            if (!narrowed.contains(e.getKey()) && hasEventTime && !OneSidedTimeWindow.isCalendar(r) && !TimeWindows.isDimension(r)) {
                whole.add(TimeWindows.label(r));
            }
        }
        if (whole.isEmpty()) {
            return List.of();
        }
        // one finding per model: the fix is one change to the incremental branch
        return List.of(Finding.of(META, m.path(), Region.line(line), "the is_incremental() filter `"
                + Placeholders.toJinja(filter.text()) + "` narrows " + String.join(", ", narrowed)
                + " to new rows, but the joined " + String.join(", ", whole) + (whole.size() > 1 ? " have" : " has")
                + " event time and " + (whole.size() > 1 ? "are" : "is") + " read whole: their late rows never reach this table")
                .withFingerprintKey("incremental:" + String.join(",", whole)));
    }
}
