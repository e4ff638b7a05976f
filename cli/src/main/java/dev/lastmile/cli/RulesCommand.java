package dev.lastmile.cli;

import dev.lastmile.core.engine.CoreRules;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.scan.Check;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lastmile rules}: every rule this build knows, from the registries (docs/rules/README.md is built from it). */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List every rule: id, name, severity, summary.")
final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the rule index as a Markdown table.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown ? markdownIndex() : plain());
        out.flush();
        return Main.OK;
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        CoreRules.all().forEach(r -> rows.add(new Row("(all)", r)));
        for (Check c : CheckRegistry.all(new CheckRegistry.Options(true))) {
            c.rules().forEach(r -> rows.add(new Row(c.name(), r)));
        }
        return rows;
    }

    record Row(String check, RuleMeta rule) {
    }

    private static String plain() {
        StringBuilder b = new StringBuilder();
        for (Row row : rows()) {
            RuleMeta r = row.rule();
            b.append(String.format("%-7s %-9s %-14s %-8s %s%n", r.id(), row.check(), r.category().id(), r.severity().id(), r.summary()));
        }
        return b.toString();
    }

    static String markdownIndex() {
        StringBuilder b = new StringBuilder("""
                # Rules

                Every rule lastmile reports, generated from the rule registries by `./lastmile rules --markdown` (a test
                fails when this page and the code disagree). Each page gives the rule's rationale, an anti-pattern and
                a best practice. Switch a rule off or change its severity in `.lastmile.yml` (`rules:`), by id or name.

                | Id | Name | Check | Category | Default severity | Summary |
                |---|---|---|---|---|---|
                """);
        for (Row row : rows()) {
            RuleMeta r = row.rule();
            b.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | `").append(r.name()).append("` | ")
                    .append(row.check()).append(" | ").append(r.category().id()).append(" | ").append(r.severity().id())
                    .append(" | ").append(r.summary().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
