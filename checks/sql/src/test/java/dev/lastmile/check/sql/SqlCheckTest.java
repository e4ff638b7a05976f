package dev.lastmile.check.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** What the YAML rule cases cannot say: docs pages, bad input, policy errors, no rule failing silently. */
class SqlCheckTest {

    private static ScanResult scan(Map<String, String> head, String policy) {
        InMemorySource source = new InMemorySource("t");
        source.revision("base").revision("head");
        head.forEach((p, t) -> source.put("head", p, t));
        Policy p = policy == null ? Policy.defaults() : PolicyLoader.parse(PolicyLoader.FILE_NAME, policy);
        return new ScanEngine().scan(new ScanEngine.Request(source, "base", "head", ScanMode.PULL_REQUEST, null, p,
                List.of(new SqlCheck()), null));
    }

    @Test
    void everyRuleOfThisFamilyHasADocsPage() {
        Path docs = Path.of("../../docs/rules");
        for (RuleMeta r : new SqlCheck().rules()) {
            assertThat(docs.resolve(r.id() + ".md")).as("docs page of %s", r.id()).exists();
        }
        assertThat(Path.of("../../docs/sql.md")).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noRuleFailsSilentlyOnAnyCase() throws IOException {
        // a rule that throws is reported as 'incomplete', and a pass_ case would still pass: catch that here
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/rules"))) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            Map<String, Object> doc = new Yaml().load(Files.readString(f));
            Map<String, String> shared = (Map<String, String>) doc.getOrDefault("files", Map.of());
            for (Map.Entry<String, Object> e : doc.entrySet()) {
                if (!e.getKey().startsWith("pass_") && !e.getKey().startsWith("fail_")) {
                    continue;
                }
                Map<String, Object> c = (Map<String, Object>) e.getValue();
                Map<String, String> head = new java.util.LinkedHashMap<>(shared);
                head.putAll((Map<String, String>) c.getOrDefault("files", Map.of()));
                head.put((String) c.get("path"), (String) c.getOrDefault("content", ""));
                String policy = (String) c.getOrDefault("policy", doc.get("policy"));
                ScanResult r = scan(head, policy);
                r.runs().forEach(run -> run.incomplete().forEach(i -> problems.add(f.getFileName() + "/" + e.getKey() + ": " + i)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void hugeAndBinaryFilesAreReportedNeverThrown() {
        String huge = "select 1 as x;\n".repeat(80_000);
        ScanResult r = scan(Map.of("dbt_project.yml", "name: x\n", "models/huge.sql", huge,
                "models/bin.sql", "select \u0000\u0001"), null);
        List<Finding> f = r.findings();
        assertThat(f).anySatisfy(x -> {
            assertThat(x.ruleId()).isEqualTo("SQL091");
            assertThat(x.path()).isEqualTo("models/huge.sql");
            assertThat(x.message()).contains("limit");
        });
        // a binary-looking file is read as far as it can be and named, never skipped in silence (issue 14)
        assertThat(f).anySatisfy(x -> {
            assertThat(x.ruleId()).isEqualTo("LM003");
            assertThat(x.path()).isEqualTo("models/bin.sql");
        });
        assertThat(r.runs().getFirst().incomplete()).singleElement().asString().startsWith("models/bin.sql: not fully read");
    }

    @Test
    void aBrokenSqlSectionFailsWithFileLineAndKey() {
        Policy bad = PolicyLoader.parse(PolicyLoader.FILE_NAME, "version: 1\nsql:\n  dialect: oracle\n");
        assertThatThrownBy(() -> new SqlCheck().validatePolicy(bad)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("sql.dialect").hasMessageContaining("3");
        Policy typo = PolicyLoader.parse(PolicyLoader.FILE_NAME, "version: 1\nsql:\n  restricted:\n    path: [x]\n");
        assertThatThrownBy(() -> new SqlCheck().validatePolicy(typo)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("paths");
    }

    @Test
    void nameAndCheckRunName() {
        assertThat(new SqlCheck().name()).isEqualTo("sql");
        assertThat(new SqlCheck().checkRunName()).isEqualTo("lastmile/sql");
    }
}
