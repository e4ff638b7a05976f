package dev.lastmile.core.testing;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.util.Texts;
import java.util.ArrayList;
import java.util.List;

/** A check for engine tests: reports every line of a changed file that contains a marker word. */
public class LineMatchCheck implements Check {

    public static final RuleMeta RULE = new RuleMeta("TST001", "test.marker.found", Category.SQL_HYGIENE, Severity.HIGH,
            "Marker found", "Tests need a rule.", "Remove the marker.");

    private final String marker;
    private final RuleMeta rule;

    public LineMatchCheck(String marker) {
        this(marker, RULE);
    }

    /** Reports the marker's lines under {@code rule} (a coverage rule, say) instead of {@link #RULE}. */
    public LineMatchCheck(String marker, RuleMeta rule) {
        this.marker = marker;
        this.rule = rule;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public List<RuleMeta> rules() {
        return List.of(rule);
    }

    @Override
    public CheckResult run(ScanContext context) {
        List<Finding> out = new ArrayList<>();
        for (ChangedFile f : context.filesToScan()) {
            List<String> lines = context.readHead(f.path()).map(Texts::lines).orElse(List.of());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    out.add(Finding.of(rule, f.path(), Region.line(i + 1), marker + " on line " + (i + 1) + ": " + lines.get(i)));
                }
            }
        }
        return new CheckResult(out, context.filesToScan().size());
    }
}
