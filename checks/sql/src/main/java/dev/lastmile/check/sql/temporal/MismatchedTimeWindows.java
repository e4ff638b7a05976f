package dev.lastmile.check.sql.temporal;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.Placeholders;
import dev.lastmile.dbt.model.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Two joined relations bounded by windows of the same form but different lengths ({@code - 90} and {@code - 30}). */
public final class MismatchedTimeWindows implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL021", "sql.temporal.mismatched_windows", Category.TEMPORAL,
            Severity.MEDIUM,
            "Joined relations are filtered by time windows of different lengths",
            "A 90-day window on orders joined to a 30-day window on payments silently drops two thirds of the "
                    + "matches: the join looks like a data-quality problem downstream, not like the typo it is.",
            "Use one window for every joined relation, ideally a single var() or CTE both filters read.");

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        List<Finding> out = new ArrayList<>();
        m.analysis().modelQuery().ifPresent(model -> {
            for (Query q : TimeWindows.allQueries(model)) {
                TimeWindows.Analysis a = TimeWindows.analyze(m, q);
                List<TimeWindows.Window> ws = new ArrayList<>(a.windows().values());
                for (int i = 0; i < ws.size(); i++) {
                    for (int j = i + 1; j < ws.size(); j++) {
                        String x = bound(ws.get(i));
                        String y = bound(ws.get(j));
                        if (x == null || y == null || !shape(x).equals(shape(y)) || numbers(x).equals(numbers(y))
                                || numbers(x).isEmpty() || !ws.get(i).predicate().operator().equals(ws.get(j).predicate().operator())) {
                            continue;
                        }
                        out.add(m.at(META, ws.get(j).predicate().line(), TimeWindows.label(ws.get(j).relation()) + " is bounded by `"
                                + Placeholders.toJinja(ws.get(j).predicate().text()) + "` but " + TimeWindows.label(ws.get(i).relation())
                                + " by `" + Placeholders.toJinja(ws.get(i).predicate().text()) + "`: the windows differ (" + numbers(y) + " vs " + numbers(x) + ")"));
                    }
                }
            }
        });
        return out;
    }

    /** The side of the window without the column. */
    private static String bound(TimeWindows.Window w) {
        String t = w.predicate().text();
        String op = w.predicate().operator();
        int at = t.indexOf(op);
        if (op.isEmpty() || at < 0) {
            return null;
        }
        return w.predicate().left().isEmpty() ? t.substring(0, at) : t.substring(at + op.length());
    }

    private static String shape(String s) {
        return NUMBER.matcher(s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "")).replaceAll("N");
    }

    private static List<String> numbers(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
