package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository holding several dbt projects: each project's macros, vars, profile and dialect apply to its own models. */
class DbtProjectsTest {

    /**
     * Two sibling projects with the same macro and var names but different values and adapters, a package with its
     * integration tests nested inside one of them (installing it as a local package), an installed package's project
     * file and a build output's, which are no projects.
     */
    static Map<String, String> monorepo() {
        Map<String, String> f = new HashMap<>();
        f.put("warehouse/eu/dbt_project.yml", "name: eu\nprofile: eu\nvars:\n  region: europe-west3\n");
        f.put("warehouse/eu/profiles.yml", "eu:\n  target: prod\n  outputs:\n    prod: {type: bigquery, project: p, dataset: d}\n");
        f.put("warehouse/eu/macros/label.sql", "{% macro label() %}'eu_label'{% endmacro %}");
        f.put("warehouse/eu/models/orders.sql", "select {{ label() }} as l, '{{ var(\"region\") }}' as r from t");
        f.put("warehouse/us/dbt_project.yml", "name: us\nprofile: us\nvars:\n  region: us-east-1\n");
        f.put("warehouse/us/profiles.yml", "us:\n  target: prod\n  outputs:\n    prod: {type: snowflake, database: D, schema: S}\n");
        f.put("warehouse/us/macros/label.sql", "{% macro label() %}'us_label'{% endmacro %}");
        f.put("warehouse/us/models/orders.sql", "select {{ label() }} as l, '{{ var(\"region\") }}' as r from t");
        f.put("warehouse/eu/integration_tests/dbt_project.yml", "name: eu_tests\nprofile: eu\n");
        f.put("warehouse/eu/integration_tests/packages.yml", "packages:\n  - local: ../\n");
        f.put("warehouse/eu/integration_tests/models/check_label.sql", "select {{ eu.label() }} as l from t");
        f.put("warehouse/eu/dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils\n");
        f.put("warehouse/eu/target/compiled/dbt_project.yml", "name: compiled\n");
        return f;
    }

    @Test
    void everyProjectIsFoundAndAFileBelongsToTheInnermostOne() {
        DbtProjects projects = DbtProjects.load(ProjectFiles.of(monorepo()), null);
        assertThat(projects.all()).extracting(DbtProject::name).containsExactly("eu", "eu_tests", "us");
        assertThat(projects.primary().name()).isEqualTo("eu");
        assertThat(projects.projectOf("warehouse/us/models/orders.sql").name()).isEqualTo("us");
        assertThat(projects.projectOf("warehouse/eu/integration_tests/models/check_label.sql").name()).isEqualTo("eu_tests");
        assertThat(projects.projectOf("scripts/adhoc.sql").name()).isEqualTo("eu");
        // the nested project's model is its own, not the outer project's; the outer one's macros are a package to it
        assertThat(projects.isModel("warehouse/eu/integration_tests/models/check_label.sql")).isTrue();
        DbtProject eu = projects.primary();
        assertThat(eu.isModel("warehouse/eu/integration_tests/models/check_label.sql")).isFalse();
        DbtProject tests = projects.projectOf("warehouse/eu/integration_tests/models/x.sql");
        assertThat(tests.packageMacroFiles()).containsEntry("eu", java.util.List.of("warehouse/eu/macros/label.sql"));
    }

    @Test
    void eachProjectKeepsItsOwnProfileDialectVarsAndMacros() {
        ProjectFiles files = ProjectFiles.of(monorepo());
        DbtProjects projects = DbtProjects.load(files, null);
        assertThat(projects.projectOf("warehouse/eu/models/orders.sql").dialect()).isEqualTo(Dialect.BIGQUERY);
        assertThat(projects.projectOf("warehouse/us/models/orders.sql").dialect()).isEqualTo(Dialect.SNOWFLAKE);

        DbtAnalyzer analyzer = new DbtAnalyzer(projects, files, Map.of());
        String eu = analyzer.analyze("warehouse/eu/models/orders.sql").orElseThrow().rendered().sql();
        String us = analyzer.analyze("warehouse/us/models/orders.sql").orElseThrow().rendered().sql();
        String tests = analyzer.analyze("warehouse/eu/integration_tests/models/check_label.sql").orElseThrow().rendered().sql();
        assertThat(eu).contains("'eu_label'").contains("europe-west3").doesNotContain("us_");
        assertThat(us).contains("'us_label'").contains("us-east-1").doesNotContain("eu_");
        assertThat(tests).contains("'eu_label'");
    }

    @Test
    void thePolicysDialectAppliesToEveryProject() {
        DbtProjects projects = DbtProjects.load(ProjectFiles.of(monorepo()), Dialect.POSTGRES);
        assertThat(projects.all()).allSatisfy(p -> assertThat(p.dialect()).isEqualTo(Dialect.POSTGRES));
    }

    @Test
    void aChangeToOneProjectsMacroRendersEverythingAgain() {
        DbtProjects projects = DbtProjects.load(ProjectFiles.of(monorepo()), null);
        assertThat(DbtScan.rendersEverything(projects, "warehouse/us/macros/label.sql")).isTrue();
        assertThat(DbtScan.rendersEverything(projects, "warehouse/us/models/orders.sql")).isFalse();
    }

    @Test
    void oneProjectIsReadAsBefore() {
        Map<String, String> f = Map.of("dbt_project.yml", "name: shop\n", "models/a.sql", "select 1");
        DbtProjects projects = DbtProjects.load(ProjectFiles.of(f), null);
        assertThat(projects.all()).hasSize(1);
        assertThat(projects.projectOf("models/a.sql").isModel("models/a.sql")).isTrue();
    }

    @Test
    void localPackagePathsResolveInsideTheRepositoryOnly() {
        assertThat(DbtProject.resolve("a/tests/", "../")).isEqualTo("a/");
        assertThat(DbtProject.resolve("tests/", "..")).isEqualTo("");
        assertThat(DbtProject.resolve("", "../elsewhere")).isNull();
        assertThat(DbtProject.resolve("a/", "./b")).isEqualTo("a/b/");
    }
}
