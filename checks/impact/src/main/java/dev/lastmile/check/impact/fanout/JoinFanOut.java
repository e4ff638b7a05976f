package dev.lastmile.check.impact.fanout;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.dbt.DbtScan;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.Grains;
import dev.lastmile.dbt.model.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IMP020: a join onto a key the joined side holds several rows for, followed by a {@code sum}/{@code avg}/{@code count}
 * of a column from the other side, which the join repeats: the total is multiplied ({@link FanOutAnalysis}). Judged in
 * the models a pull request adds or changes (every model in a full scan), on positive evidence of the grain only.
 */
public final class JoinFanOut implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP020", "impact.fanout.aggregate_after_fan_out", Category.CORRECTNESS,
            Severity.HIGH,
            "An aggregate over rows that a join onto a non-unique key repeats",
            "Joining order lines to orders repeats every order once per line; a sum(o.amount) after that join adds each "
                    + "order's amount as many times as it has lines. The query runs, the dashboard shows a number, and the "
                    + "number is wrong by a factor nobody sees. It is the most common silent error in analytics SQL, and a "
                    + "reviewer cannot see it without knowing the grain of every joined model.",
            "Aggregate the many side to the join key before joining (a CTE grouped by the key), or aggregate the one "
                    + "side's column at its own grain (sum it before the join, or count(distinct ...) its key). If the "
                    + "joined side really is unique on the key, declare it: a unique (or "
                    + "dbt_utils.unique_combination_of_columns) test on exactly the join columns.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        DbtScan.Revision head = change.head();
        if (!head.project().isDbt()) {
            return List.of();
        }
        Grains grains = change.memo(Grains.class, () -> Grains.of(head));
        List<Finding> out = new ArrayList<>();
        for (String path : judged(change, head)) {
            Optional<FileAnalysis> a = head.analyzer().analyze(path);
            Optional<Query> q = a.flatMap(FileAnalysis::modelQuery);
            if (q.isEmpty()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (FanOutAnalysis.Hit hit : FanOutAnalysis.of(q.get(), grains)) {
                int aggregateLine = a.get().sourceLine(hit.aggregate().line());
                int joinLine = a.get().sourceLine(hit.repeat().edge().join().line());
                String key = hit.aggregate().expression() + "|" + hit.repeat().many().name() + "|" + hit.repeat().manyColumns();
                if (!seen.add(key)) {
                    continue;
                }
                out.add(finding(change, path, hit, aggregateLine, joinLine));
            }
        }
        return out;
    }

    private static Finding finding(ImpactContext change, String path, FanOutAnalysis.Hit hit, int aggregateLine, int joinLine) {
        FanOutAnalysis.Repeat r = hit.repeat();
        String many = label(r.many().kind(), r.many().name());
        String cols = String.join(", ", r.manyColumns());
        String grain = String.join(", ", r.grain().columns());
        String aggregate = shorten(hit.aggregate().expression());
        String message = "`" + aggregate + "` (line " + aggregateLine + ") adds up rows that the join on " + cols
                + " (line " + joinLine + ") repeats once per matching " + many + " row: " + many + " is unique on ("
                + grain + ") [" + r.grain().detail() + "], not on " + cols + ", so the total is multiplied by the number "
                + "of matches.";
        return Finding.of(META, path, Region.line(aggregateLine), message)
                .withStatus(status(change, path, aggregateLine, joinLine))
                .withProperty("joinLine", String.valueOf(joinLine))
                .withFingerprintKey(META.id() + ":" + aggregate.replaceAll("\\s+", "") + ":" + r.many().name() + ":" + cols);
    }

    /** New when the change added the model, or touched the join's or the aggregate's line. */
    private static FindingStatus status(ImpactContext change, String path, int aggregateLine, int joinLine) {
        if (change.scan().mode() == ScanMode.FULL) {
            return FindingStatus.EXISTING;
        }
        Optional<ChangedFile> f = change.changedFile(path);
        boolean changed = f.isPresent() && (f.get().kind() == ChangedFile.Kind.ADDED
                || f.get().changedLines().overlaps(aggregateLine, aggregateLine)
                || f.get().changedLines().overlaps(joinLine, joinLine));
        return changed ? FindingStatus.NEW : FindingStatus.EXISTING;
    }

    /** The models judged: those the pull request adds, changes or renames; every model in a full scan. */
    static List<String> judged(ImpactContext change, DbtScan.Revision head) {
        List<String> out = new ArrayList<>();
        if (change.scan().mode() == ScanMode.FULL) {
            out.addAll(head.project().modelFiles().values());
            out.sort(null);
            return out;
        }
        for (ChangedFile f : change.changedFiles()) {
            if (!f.isDeleted() && f.path().endsWith(".sql") && head.project().isModel(f.path())) {
                out.add(f.path());
            }
        }
        return out;
    }

    private static String label(dev.lastmile.dbt.model.Relation.Kind kind, String name) {
        return switch (kind) {
            case REF -> "`" + name + "`";
            case SOURCE -> "source `" + name + "`";
            case CTE -> "CTE `" + name + "`";
            default -> "`" + (name.isEmpty() ? "subquery" : name) + "`";
        };
    }

    private static String shorten(String expression) {
        String e = expression.replaceAll("\\s+", " ").strip();
        return e.length() > 80 ? e.substring(0, 77) + "..." : e;
    }
}
