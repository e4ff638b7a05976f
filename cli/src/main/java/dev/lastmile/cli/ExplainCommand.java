package dev.lastmile.cli;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.output.Sarif;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lastmile explain RULE}: the rule's page (docs/rules/RULE.md, carried inside the jar) in the terminal, by id,
 * dotted name or alias.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show a rule's page: what it finds, why it matters, an anti-pattern and the fix.")
final class ExplainCommand implements Callable<Integer> {

    static final String DOCS = "dev/lastmile/cli/rules/";

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Parameters(paramLabel = "RULE", description = "A rule id (SQL001), name (sql.pii.select_star) or alias.")
    String rule;

    @Option(names = "--markdown", description = "Print the page's Markdown as it is.")
    boolean markdown;

    @Override
    public Integer call() {
        RuleMeta meta = find(rule).orElseThrow(() -> new UsageException("no rule '" + rule + "'" + suggestion(rule)
                + "; 'lastmile rules' lists them all"));
        String page = page(meta.id()).orElseThrow(() -> new IllegalStateException("the page of " + meta.id() + " is missing from this build"));
        PrintWriter out = spec.commandLine().getOut();
        boolean colour = parent != null && parent.terminal.colourOut();
        out.print(markdown ? page : forTerminal(page, new Terminal.Style(colour)));
        out.println();
        out.println("Online: " + Sarif.helpUri(meta));
        out.flush();
        return Main.OK;
    }

    static Optional<RuleMeta> find(String ref) {
        return RulesCommand.rows().stream().map(RulesCommand.Row::rule).filter(r -> r.isNamedBy(ref)).findFirst();
    }

    static Optional<String> page(String id) {
        try (InputStream in = ExplainCommand.class.getClassLoader().getResourceAsStream(DOCS + id + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The nearest rule id or name, when one is close (a typo), as " (did you mean SQL001?)". */
    private static String suggestion(String ref) {
        List<String> names = RulesCommand.rows().stream().map(RulesCommand.Row::rule)
                .flatMap(r -> java.util.stream.Stream.of(r.id(), r.name())).toList();
        return dev.lastmile.core.policy.PolicyNode.closest(ref.trim(), names).map(c -> " (did you mean " + c + "?)").orElse("");
    }

    /** Markdown made for reading in a terminal: headings bold, code blocks indented, backticks and links dropped. */
    static String forTerminal(String md, Terminal.Style style) {
        StringBuilder b = new StringBuilder();
        boolean code = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                b.append("    ").append(style.dim(line)).append('\n');
            } else if (line.startsWith("#")) {
                b.append(style.bold(line.replaceFirst("^#+\\s*", ""))).append('\n');
            } else {
                b.append(line.replaceAll("\\[([^\\]]+)\\]\\(([^)]+)\\)", "$1 ($2)").replace("`", "")
                        .replace("**", "")).append('\n');
            }
        }
        return b.toString().stripTrailing() + "\n";
    }
}
