package dev.lastmile.dbt.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Runs the statement cases of {@code src/test/resources/sql-cases/*.yml} (their README says what each key means). */
class SqlCasesTest {

    private static final Path DIR = Path.of("src/test/resources/sql-cases");

    @TestFactory
    Stream<DynamicTest> statementCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : caseFiles()) {
            if (file.getFileName().toString().equals("dialect-inference.yml")) {
                continue;
            }
            int n = 0;
            for (Map<String, Object> c : cases(file)) {
                n++;
                String name = file.getFileName() + " #" + n + ": " + c.get("sql").toString().lines().findFirst().orElse("");
                tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> dialectInferenceCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> c : cases(DIR.resolve("dialect-inference.yml"))) {
            n++;
            tests.add(DynamicTest.dynamicTest("dialect-inference #" + n + " -> " + c.get("expect"), () -> {
                @SuppressWarnings("unchecked")
                Map<String, String> files = (Map<String, String>) c.get("files");
                ProjectFiles pf = ProjectFiles.of(files);
                DbtProject project = DbtProject.load(pf, null);
                assertThat(project.dialect().id()).isEqualTo(c.get("expect"));
                assertThat(project.dialectReason()).contains(String.valueOf(c.get("reason")));
            }));
        }
        return tests.stream();
    }

    private static void check(Map<String, Object> c) {
        Dialect dialect = Dialect.fromAdapter(String.valueOf(c.get("dialect"))).orElseThrow();
        String sql = String.valueOf(c.get("sql"));
        // a generous time limit: the cases are about what is read, and a cold parse on a loaded machine can take seconds
        SqlParser.Parsed parsed = SqlParser.parse(sql, dialect, 60_000);
        String why = parsed.statements().stream().filter(s -> !s.fullTree()).map(SqlStatement::problem).toList().toString();
        assertThat(parsed.fullTree()).as("full tree for %s (rejected: %s)", sql, why).isEqualTo(c.get("full"));
        if (c.containsKey("statements")) {
            assertThat(parsed.statements()).as("statements of %s", sql).hasSize((Integer) c.get("statements"));
        }
        if (c.containsKey("fallbacks")) {
            assertThat(parsed.statements().stream().filter(s -> !s.fullTree())).as("fallback statements").hasSize((Integer) c.get("fallbacks"));
        }
        if (c.containsKey("tables")) {
            List<String> names = FileAnalysis.modelQuery(parsed).orElseThrow().relations().stream().map(Relation::name).toList();
            assertThat(names).as("relations of %s", sql).containsExactlyElementsOf(strings(c.get("tables")));
        }
        if (c.containsKey("rewrite")) {
            assertThat(parsed.rewrites()).contains(String.valueOf(c.get("rewrite")));
        }
    }

    private static List<String> strings(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    private static List<Path> caseFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) doc.get("cases");
        }
    }
}
