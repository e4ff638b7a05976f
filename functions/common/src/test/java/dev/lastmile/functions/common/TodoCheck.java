package dev.lastmile.functions.common;

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

/**
 * A test-only check, named {@code sql} so jobs route to it: one high finding per line containing TODO, and one
 * coverage notice (category parse, like SQL091) per line containing UNPARSED.
 */
public final class TodoCheck implements Check {

    public static final RuleMeta TODO = new RuleMeta("TST001", "test.todo", Category.SQL_HYGIENE, Severity.HIGH,
            "A TODO is left in the code", "Unfinished work ships.", "Finish it or file an issue.");

    public static final RuleMeta UNPARSED = new RuleMeta("TST091", "test.parse.not_analysed", Category.PARSE, Severity.INFO,
            "A line the test check could not analyse", "Coverage.", "None.");

    private final String name;

    public TodoCheck() {
        this("sql");
    }

    public TodoCheck(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RuleMeta> rules() {
        return List.of(TODO, UNPARSED);
    }

    @Override
    public CheckResult run(ScanContext context) {
        List<Finding> out = new ArrayList<>();
        for (ChangedFile f : context.filesToScan()) {
            List<String> lines = context.readHead(f.path()).map(Texts::lines).orElse(List.of());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("TODO")) {
                    out.add(Finding.of(TODO, f.path(), Region.line(i + 1), "TODO left on line " + (i + 1)));
                }
                if (lines.get(i).contains("UNPARSED")) {
                    out.add(Finding.of(UNPARSED, f.path(), Region.line(i + 1), "could not analyse line " + (i + 1)));
                }
            }
        }
        return new CheckResult(out, context.filesToScan().size());
    }
}
