package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Runs the render cases of {@code src/test/resources/render-cases/*.yml} (their README says what each key means). */
class RenderCasesTest {

    private static final Path DIR = Path.of("src/test/resources/render-cases");

    @TestFactory
    Stream<DynamicTest> renderCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            int n = 0;
            for (Map<String, Object> c : cases(file)) {
                n++;
                String name = file.getFileName() + " #" + n;
                tests.add(DynamicTest.dynamicTest(name, c.containsKey("rewrite") ? () -> rewrite(c) : () -> render(c)));
            }
        }
        return tests.stream();
    }

    private static void rewrite(Map<String, Object> c) {
        String in = String.valueOf(c.get("input"));
        String out = switch (String.valueOf(c.get("rewrite"))) {
            case "pythonicExpression" -> TemplateRewrites.pythonicExpression(in);
            case "keywordValuesParenthesised" -> TemplateRewrites.keywordValuesParenthesised(in);
            case "joinAdjacentStrings" -> TemplateRewrites.joinAdjacentStrings(in);
            case "stringMethodsAsFilters" -> TemplateRewrites.stringMethodsAsFilters(in);
            case "quotedDelimitersInTags" -> TemplateRewrites.quotedDelimitersInTags(in);
            case "blockTagsDropped" -> TemplateRewrites.blockTagsDropped(in);
            case "tupleAssignmentsUnpacked" -> TemplateRewrites.tupleAssignmentsUnpacked(in);
            case "dateArithmetic" -> TemplateRewrites.dateArithmetic(in);
            default -> throw new AssertionError("unknown rewrite " + c.get("rewrite"));
        };
        assertThat(out).as("%s of %s", c.get("rewrite"), in).isEqualTo(String.valueOf(c.get("output")));
        assertThat(out.chars().filter(ch -> ch == '\n').count()).as("line breaks kept")
                .isEqualTo(in.chars().filter(ch -> ch == '\n').count());
    }

    private static void render(Map<String, Object> c) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder project = new StringBuilder("name: shop\n");
        if (c.get("vars") instanceof Map<?, ?> vars) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
            project.append("vars: ").append(new Yaml(o).dump(vars));
        }
        files.put("dbt_project.yml", project.toString());
        String template = String.valueOf(c.get("template"));
        files.put("models/m.sql", template);
        ProjectFiles pf = ProjectFiles.of(files);
        Rendered r = new JinjaRenderer(DbtProject.load(pf, null), pf, Map.of()).render("models/m.sql", template, false);
        boolean failed = Boolean.TRUE.equals(c.get("failed"));
        assertThat(r.failed()).as("failed for %s (error: %s; sql: %s)", template, r.error(), r.sql()).isEqualTo(failed);
        if (c.containsKey("error")) {
            assertThat(r.error()).contains(String.valueOf(c.get("error")));
        }
        for (Object s : list(c.get("contains"))) {
            assertThat(r.sql()).as("rendering of %s", template).contains(String.valueOf(s));
        }
        for (Object s : list(c.get("absent"))) {
            assertThat(r.sql()).as("rendering of %s", template).doesNotContain(String.valueOf(s));
        }
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) doc.get("cases");
        }
    }
}
