package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/** The grain facts of models, from YAML and SQL: cases as data in {@code grain/cases.yml}. */
class GrainsTest {

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> cases() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = GrainsTest.class.getResourceAsStream("/grain/cases.yml")) {
            doc = new Yaml().load(in);
        }
        Map<String, String> common = (Map<String, String>) doc.get("common");
        Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) doc.get("cases");
        assertThat(cases).hasSizeGreaterThan(10);
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, String> files = new HashMap<>(common);
            files.putAll((Map<String, String>) e.getValue().get("files"));
            ProjectFiles pf = ProjectFiles.of(files);
            DbtProject project = DbtProject.load(pf, Dialect.SNOWFLAKE);
            Grains grains = new Grains(project, new DbtAnalyzer(project, pf, Map.of()));
            List<String> got = grains.model((String) e.getValue().get("model")).stream()
                    .map(k -> String.join(", ", k.columns()) + " " + k.source()).toList();
            assertThat(got).as(e.getKey()).containsExactlyInAnyOrderElementsOf((List<String>) e.getValue().get("keys"));
        }));
    }

    @Test
    void sourcesRecordFreshnessOfTheirOwnOrTheirSources() {
        ProjectFiles pf = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/sources.yml", """
                sources:
                  - name: raw
                    freshness: {warn_after: {count: 1, period: day}}
                    loaded_at_field: _loaded_at
                    tables:
                      - name: orders
                      - name: countries
                        freshness: null
                  - name: crm
                    tables:
                      - name: accounts
                        description: CRM accounts
                        config:
                          freshness: {error_after: {count: 2, period: day}}
                      - name: notes
                """));
        DbtProject p = DbtProject.load(pf, Dialect.SNOWFLAKE);
        assertThat(p.source("raw.orders").orElseThrow().freshness()).isTrue();
        assertThat(p.source("raw.countries").orElseThrow().freshness()).as("freshness: null turns it off").isFalse();
        assertThat(p.source("crm.accounts").orElseThrow().freshness()).isTrue();
        assertThat(p.source("crm.accounts").orElseThrow().description()).isEqualTo("CRM accounts");
        assertThat(p.source("crm.notes").orElseThrow().freshness()).isFalse();
    }

    @Test
    void finerThanAndUniqueOn() {
        List<UniqueKey> lines = List.of(new UniqueKey(List.of("order_id", "line_number"), UniqueKey.Source.TEST, ""));
        assertThat(Grains.finerThan(lines, List.of("order_id"))).hasSize(1);
        assertThat(Grains.uniqueOn(lines, List.of("order_id"))).isFalse();
        assertThat(Grains.uniqueOn(lines, List.of("line_number", "order_id"))).isTrue();
        assertThat(Grains.finerThan(lines, List.of("customer_id"))).isEmpty();
    }
}
