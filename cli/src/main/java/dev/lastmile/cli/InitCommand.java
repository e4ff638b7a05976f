package dev.lastmile.cli;

import dev.lastmile.dbt.Dialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lastmile init}: looks at the repository (dbt projects, their adapters from profiles.yml or the dbt adapter
 * packages in requirements files) and writes a commented {@code .lastmile.yml} whose first line points editors at the
 * policy's JSON Schema. It never overwrites a policy without {@code --force}, and never reads a credential's value:
 * of a profiles.yml it reads only each target's {@code type}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented .lastmile.yml for this repository (dbt projects and SQL dialects detected).")
final class InitCommand implements Callable<Integer> {

    static final String SCHEMA_URL = "https://raw.githubusercontent.com/lastmile-dev/lastmile/main/"
            + "core/src/main/resources/dev/lastmile/core/policy/lastmile-policy.schema.json";
    private static final Set<String> SKIP = Set.of(".git", "target", "dbt_packages", "dbt_modules", "node_modules",
            ".venv", "venv", "logs", ".tox", ".lastmile-demo");
    private static final Pattern ADAPTER_PACKAGE = Pattern.compile("(?im)^\\s*[\"']?dbt-(bigquery|snowflake|redshift|postgres|databricks|spark|duckdb)\\b");

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--force", description = "Replace an existing .lastmile.yml.")
    boolean force;

    @Option(names = "--stdout", description = "Print the file instead of writing it.")
    boolean stdout;

    /** What init found. */
    record Detected(List<String> dbtProjects, Map<String, String> dialectSources) {
        Set<String> dialects() {
            return new TreeSet<>(dialectSources.keySet());
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = GitRoots.workTree(repo).orElse(repo.toAbsolutePath().normalize());
        Path target = root.resolve(".lastmile.yml");
        if (!stdout && !force && (Files.exists(target) || Files.exists(root.resolve(".lastmile.yaml")))) {
            throw new UsageException(target + " exists; --force replaces it, --stdout prints a fresh one");
        }
        Detected found = detect(root);
        String text = render(found);
        if (stdout) {
            out.print(text);
        } else {
            ScanCommand.write(target, text);
            out.println("lastmile: wrote " + target);
            out.println("  dbt projects: " + (found.dbtProjects().isEmpty() ? "none found" : String.join(", ", found.dbtProjects())));
            out.println("  SQL dialect:  " + (found.dialects().isEmpty() ? "none found (ANSI)" : String.join(", ", found.dialects())));
            out.println("Next: 'lastmile scan' checks this branch; 'lastmile baseline' records what the repository already has.");
        }
        out.flush();
        return Main.OK;
    }

    static Detected detect(Path root) throws IOException {
        List<String> projects = new ArrayList<>();
        Map<String, String> dialects = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIP.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (name.equals("dbt_project.yml")) {
                    String dir = root.relativize(file.getParent()).toString().replace('\\', '/');
                    projects.add(dir.isEmpty() ? "." : dir);
                } else if (name.equals("profiles.yml") && attrs.size() < 1 << 20) {
                    for (String type : profileTypes(Files.readString(file, StandardCharsets.UTF_8))) {
                        Dialect.fromAdapter(type).ifPresent(d -> dialects.putIfAbsent(d.id(), rel));
                    }
                } else if ((name.startsWith("requirements") && name.endsWith(".txt") || name.equals("pyproject.toml")
                        || name.equals("Pipfile")) && attrs.size() < 1 << 20) {
                    Matcher m = ADAPTER_PACKAGE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        Dialect.fromAdapter(m.group(1)).ifPresent(d -> dialects.putIfAbsent(d.id(), rel));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        projects.sort(null);
        return new Detected(projects, dialects);
    }

    /** The adapter {@code type} of every target of every profile; nothing else of the file is kept. */
    static List<String> profileTypes(String yaml) {
        List<String> types = new ArrayList<>();
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            return types; // a profiles.yml with Jinja or broken YAML: no dialect from it
        }
        if (doc instanceof Map<?, ?> profiles) {
            for (Object profile : profiles.values()) {
                if (profile instanceof Map<?, ?> p && p.get("outputs") instanceof Map<?, ?> outputs) {
                    for (Object output : outputs.values()) {
                        if (output instanceof Map<?, ?> o && o.get("type") instanceof String t) {
                            types.add(t);
                        }
                    }
                }
            }
        }
        return types;
    }

    static String render(Detected d) {
        StringBuilder b = new StringBuilder();
        b.append("# yaml-language-server: $schema=").append(SCHEMA_URL).append('\n');
        b.append("""
                # lastmile policy: https://github.com/lastmile-dev/lastmile/blob/main/docs/configuration.md
                # A pull request is judged by the policy of its base branch, so a change cannot weaken the rules that judge it.
                version: 1

                # New findings at or above this severity fail a pull request (info, low, medium, high, critical).
                fail_on: high

                # Paths never reported on, besides dbt_packages/, target/, node_modules/, .venv/ and logs/.
                ignore: []
                #  - "seeds/**"

                # Check families to run (all by default): sql, secrets, residency, licenses, impact.
                # checks: [sql, secrets, residency, licenses, impact]

                # Per rule, by id or name: off, on, or a severity. 'lastmile rules' lists them; 'lastmile explain ID' explains one.
                rules: {}
                #  SQL031: off
                #  sql.pii.select_star: medium

                """);
        if (d.dbtProjects().isEmpty()) {
            b.append("# No dbt_project.yml found: the SQL check reads plain .sql files.\n");
        } else {
            b.append("# dbt projects found: ").append(String.join(", ", d.dbtProjects())).append('\n');
        }
        Set<String> dialects = d.dialects();
        if (dialects.size() == 1) {
            String dialect = dialects.iterator().next();
            b.append("# SQL dialect ").append(dialect).append(" (from ").append(d.dialectSources().get(dialect))
                    .append("); without this, each project's profiles.yml decides.\n");
            b.append("sql:\n  dialect: ").append(dialect).append('\n');
        } else {
            b.append(dialects.isEmpty() ? "# No adapter found in profiles.yml or requirements files; SQL is read as ANSI.\n"
                    : "# Several adapters found (" + String.join(", ", dialects) + "): each project's profiles.yml decides.\n");
            b.append("# sql:\n#   dialect: bigquery   # bigquery, snowflake, redshift, postgres, databricks, duckdb, ansi\n");
        }
        b.append("""

                # Where personal data is restricted, which locations data may live in, which licenses pass:
                # docs/sql.md, docs/residency.md, docs/secrets.md and docs/dependencies.md describe each section.
                # residency: {}
                # secrets: {}
                # licenses: {}
                """);
        return b.toString();
    }
}
