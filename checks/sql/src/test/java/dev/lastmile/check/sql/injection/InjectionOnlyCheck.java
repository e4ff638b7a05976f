package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only check that runs just the injection analysis over changed {@code .sql} and {@code .py} files, the way
 * {@code SqlCheck} calls it, so the rule cases run through the real scan engine (suppressions, policy) without the
 * rest of the SQL check.
 */
final class InjectionOnlyCheck implements Check {



    @Override
    public String name() {
        return "sql";
    }

    @Override
    public List<RuleMeta> rules() {
        return InjectionRules.all();
    }

    @Override
    public CheckResult run(ScanContext context) {
        List<Finding> findings = new ArrayList<>();
        int scanned = 0;
        for (ChangedFile file : context.filesToScan()) {
            if (!InjectionAnalyzer.handles(file.path())) {
                continue;
            }
            scanned++;
            findings.addAll(analyzer(context).analyze(file.path(), context.readHead(file.path()).orElse("")));
        }
        return new CheckResult(findings, scanned);
    }

    /** The analysis with the repository's sink wrappers, from its {@code macros/} files (as SqlCheck finds them). */
    private static InjectionAnalyzer analyzer(ScanContext context) {
        java.util.List<String> macros = context.headFiles().stream()
                .filter(p -> p.endsWith(".sql") && (p.startsWith("macros/") || p.contains("/macros/"))).toList();
        return new InjectionAnalyzer(SinkWrappers.find(macros, context::readHead));
    }
}
