package dev.lastmile.check.sql.temporal;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.Placeholders;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A time window bounds some joined relations that carry event time while another joined one stays unbounded. */
public final class OneSidedTimeWindow implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL020", "sql.temporal.one_sided_window", Category.TEMPORAL,
            Severity.MEDIUM,
            "A time window filters one joined relation but not another that has its own event time",
            "When invoices are cut to the last 90 days but the joined subscriptions are not, the result mixes a "
                    + "window with all of history: rows that started or ended outside the window still shape the "
                    + "numbers, and totals drift as history grows. The query looks right and runs, which is why it "
                    + "reaches production.",
            "Bound every joined relation with event time to the same window (in WHERE or in its join condition), "
                    + "or tie its time column to the bounded one in the join; if the other side is a dimension meant "
                    + "to be read whole, say so with lastmile:ignore SQL020 -- <reason>.");

    private static final java.util.regex.Pattern CALENDAR = java.util.regex.Pattern.compile(
            "(?i).*(date|day|calendar|spine|month|week|fiscal|period).*");

    /** Date spines and calendars (dim_date, snapshot_dates, date_spine, calendar...): named by the dates they hold. */
    static boolean isCalendar(Relation r) {
        String n = r.name().contains(".") ? r.name().substring(r.name().lastIndexOf('.') + 1) : r.name();
        return CALENDAR.matcher(n).matches() || CALENDAR.matcher(r.alias()).matches() && r.alias().length() > 2;
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        List<Finding> out = new ArrayList<>();
        m.analysis().modelQuery().ifPresent(model -> {
            for (Query q : TimeWindows.allQueries(model)) {
                if (q.relations().size() < 2) {
                    continue;
                }
                TimeWindows.Analysis a = TimeWindows.analyze(m, q);
                if (a.windows().isEmpty()) {
                    continue;
                }
                var eventTime = TimeWindows.timeColumns(m, q, true);
                // a date spine or calendar bounds the dates it generates, not the events of what joins it
                TimeWindows.Window bounded = a.windows().values().stream().filter(w -> !isCalendar(w.relation()))
                        .findFirst().orElse(null);
                if (bounded == null) {
                    continue;
                }
                for (Relation r : q.relations()) {
                    Set<String> cols = eventTime.getOrDefault(r.alias(), Set.of());
                    if (cols.isEmpty() || a.boundVia(r.alias()).isPresent() || r.kind() == Relation.Kind.PLACEHOLDER
                            || isCalendar(r) || TimeWindows.isDimension(r)) {
                        continue;
                    }
                    out.add(m.at(META, TimeWindows.entryLine(q, r.alias()), TimeWindows.label(r)
                            + " is joined without a time window, but " + TimeWindows.label(bounded.relation())
                            + " is filtered by `" + Placeholders.toJinja(bounded.predicate().text()) + "`; " + r.alias() + " has "
                            + String.join(", ", cols) + " and is unbounded")
                            .withFingerprintKey("window:" + r.alias() + ":" + bounded.relation().alias()));
                }
            }
        });
        return out;
    }
}
