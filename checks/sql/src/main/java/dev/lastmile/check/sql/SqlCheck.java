package dev.lastmile.check.sql;

import dev.lastmile.check.sql.injection.InjectionAnalyzer;
import dev.lastmile.check.sql.injection.SinkWrappers;
import dev.lastmile.check.sql.injection.InjectionRules;
import dev.lastmile.check.sql.parse.SqlFileNotAnalysed;
import dev.lastmile.check.sql.parse.UnreadableSchemaYaml;
import dev.lastmile.check.sql.pii.PiiCatalog;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.DbtScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQL check: renders and parses every changed {@code .sql} file of a dbt project (or plain SQL repository) and
 * runs the PII, temporal, production-safety and coverage rules on it, following {@code ref()} into unchanged models
 * where a rule needs lineage. Files are analysed in parallel over every core.
 */
public final class SqlCheck implements Check {

    public SqlCheck() {
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public List<RuleMeta> rules() {
        List<RuleMeta> out = new ArrayList<>();
        SqlRules.all().forEach(r -> out.add(r.meta()));
        out.addAll(SqlRules.checkLevel());
        out.addAll(InjectionRules.all());
        out.sort(java.util.Comparator.comparing(RuleMeta::id));
        return List.copyOf(out);
    }

    @Override
    public void validatePolicy(Policy policy) throws PolicyException {
        SqlPolicy.from(policy);
    }

    @Override
    public CheckResult run(ScanContext context) {
        SqlPolicy policy = SqlPolicy.from(context.policy());
        // the project and its analyses are the scan's, shared with every other check that reads dbt
        DbtScan.Revision head = DbtScan.head(context);
        DbtAnalyzer analyzer = head.analyzer();
        PiiCatalog catalog = new PiiCatalog(analyzer, policy);
        List<ChangedFile> targets = context.filesToScan().stream()
                .filter(f -> f.path().endsWith(".sql") || InjectionAnalyzer.handles(f.path()))
                .toList();
        // the repository's own wrappers around run_query/adapter.execute, from every project's macros
        List<String> macroFiles = head.projects().all().stream().flatMap(p -> p.macroFiles().stream()).toList();
        InjectionAnalyzer injection = new InjectionAnalyzer(SinkWrappers.find(macroFiles, context::readHead));
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        List<String> incomplete = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        targets.parallelStream().forEach(f -> {
            try {
                // under the per-file budget: a file over it, or one that overflows the stack, is named by the engine
                context.withinFileBudget(f.path(), () -> {
                    List<Finding> found = new ArrayList<>();
                    if (InjectionAnalyzer.handles(f.path())) {
                        // injection reads the Jinja source (and .py files, which are in scope for injection only)
                        context.readHead(f.path()).ifPresent(t -> found.addAll(injection.analyze(f.path(), t)));
                    }
                    if (f.path().endsWith(".sql")) {
                        found.addAll(checkFile(f.path(), context, analyzer, catalog, policy, incomplete));
                    }
                    return found;
                }).ifPresent(findings::addAll);
            } catch (RuntimeException | StackOverflowError e) {
                // a bug of ours must not lose the other files' results: report the file as not judged
                incomplete.add(f.path() + ": not analysed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                findings.add(Finding.of(SqlFileNotAnalysed.META, f.path(), Region.file(),
                        "lastmile could not analyse this file (" + e.getClass().getSimpleName() + "); its SQL rules did not run"));
            }
            context.progress().progress(name(), done.incrementAndGet(), targets.size());
        });
        for (DbtProject.Problem p : head.projects().problems()) {
            if (context.isChanged(p.path())) {
                findings.add(Finding.of(UnreadableSchemaYaml.META, p.path(), Region.line(Math.max(1, p.line())),
                        "this YAML could not be read, so its column metadata (PII flags, tags) is unknown: " + p.message()));
            }
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId));
        return new CheckResult(sorted, targets.size(), new ArrayList<>(incomplete));
    }

    private List<Finding> checkFile(String path, ScanContext context, DbtAnalyzer analyzer, PiiCatalog catalog,
                                    SqlPolicy policy, List<String> incomplete) {
        Optional<String> text = context.readHead(path);
        if (text.isEmpty()) {
            return List.of(Finding.of(SqlFileNotAnalysed.META, path, Region.file(),
                    "binary or undecodable content in a .sql file; its SQL rules did not run"));
        }
        if (text.get().length() > DbtAnalyzer.MAX_FILE_CHARS) {
            return List.of(Finding.of(SqlFileNotAnalysed.META, path, Region.file(),
                    "file of " + text.get().length() + " characters is over the " + DbtAnalyzer.MAX_FILE_CHARS
                            + "-character limit; its SQL rules did not run"));
        }
        Optional<FileAnalysis> analysis = analyzer.analyze(path);
        if (analysis.isEmpty()) {
            return List.of();
        }
        FileAnalysis a = analysis.get();
        List<Finding> out = new ArrayList<>();
        if (a.rendered().failed()) {
            out.add(Finding.of(SqlFileNotAnalysed.META, path, Region.file(),
                    "Jinja could not be rendered (" + a.rendered().error() + "); the rules ran on the SQL with the Jinja blanked out"));
        }
        if (!a.rendered().failed() && a.statements().isEmpty() && analyzer.projectOf(path).isModel(path)
                && text.get().contains("{{")) {
            Object enabled = a.rendered().config().get("enabled");
            if (enabled != null && String.valueOf(enabled).equalsIgnoreCase("false")) {
                out.add(Finding.of(SqlFileNotAnalysed.META, path, Region.file(),
                        "this model is disabled with the project's default vars (config enabled = false) and renders "
                                + "to no SQL; give the vars that enable it in sql.vars of .lastmile.yml to have it judged"));
            } else {
                // e.g. {{ union_relations(...) }}: macros that ask the warehouse render nothing without one
                out.add(Finding.of(SqlFileNotAnalysed.META, path, Region.file(),
                        "this model renders to no SQL without a warehouse connection (its SQL comes from macros that "
                                + "query the warehouse); the SQL rules could not judge it"));
            }
        }
        ModelContext model = ModelContext.of(path, a, analyzer, catalog, policy);
        for (SqlRule rule : SqlRules.all()) {
            try {
                out.addAll(rule.check(model));
            } catch (RuntimeException e) {
                incomplete.add(path + ": rule " + rule.meta().id() + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        return out;
    }
}
