package dev.lastmile.dbt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.ProjectFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private static final String PROJECT = "name: shop\nprofile: shop\n";
    private static final String BIGQUERY = """
            shop:
              target: prod
              outputs:
                prod: {type: bigquery, project: shop-analytics, dataset: analytics, location: EU}
                dev: {type: duckdb, path: dev.duckdb}
            """;

    private static ProjectFiles files(String... pathAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1]);
        }
        return ProjectFiles.of(m);
    }

    private static Profiles.Result read(ProjectFiles f, String root) {
        return Profiles.read(f.files(), f::read, root, "shop", Optional.empty());
    }

    @Test
    void aProfileInDotDbtGivesTheDialectAndABigQueryHashCommentParses() {
        ProjectFiles f = files("dbt_project.yml", PROJECT, ".dbt/profiles.yml", BIGQUERY,
                "models/orders.sql", "# BigQuery's own comment\nselect order_id from `shop.raw.orders`\n");
        DbtProject project = DbtProject.load(f, null);
        assertThat(project.dialect()).isEqualTo(Dialect.BIGQUERY);
        assertThat(project.profile(Optional.empty()).target().orElseThrow().file()).isEqualTo(".dbt/profiles.yml");
        var analysis = new DbtAnalyzer(project, f, Map.of()).analyze("models/orders.sql").orElseThrow();
        assertThat(analysis.fullTree()).isTrue();
        assertThat(analysis.statements()).hasSize(1);
    }

    @Test
    void everyPlaceTeamsKeepTheProfileIsFound() {
        for (String place : List.of("profiles.yml", ".dbt/profiles.yml", "profiles/profiles.yml", "ci/profiles.yml",
                "transform/profiles.yml", "transform/.dbt/profiles.yml", "transform/profiles/profiles.yml",
                "transform/deploy/profiles.yml")) {
            String root = place.startsWith("transform/") ? "transform/" : "";
            ProjectFiles f = files(root + "dbt_project.yml", PROJECT, place, BIGQUERY);
            assertThat(read(f, root).target()).as(place).isPresent();
            assertThat(read(f, root).file()).as(place).isEqualTo(place);
        }
    }

    @Test
    void dbtProfilesDirNamedByCiWinsOverGuesses() {
        String workflow = "jobs:\n  run:\n    env:\n      DBT_PROFILES_DIR: ${{ github.workspace }}/deploy/prod\n";
        ProjectFiles f = files("dbt_project.yml", PROJECT, "profiles.yml", "shop: {outputs: {dev: {type: duckdb}}}\n",
                "deploy/prod/profiles.yml", BIGQUERY, ".github/workflows/dbt.yml", workflow);
        assertThat(read(f, "").file()).isEqualTo("deploy/prod/profiles.yml");
        assertThat(DbtProject.load(f, null).dialect()).isEqualTo(Dialect.BIGQUERY);

        ProjectFiles make = files("dbt_project.yml", PROJECT, "conf/profiles.yml", BIGQUERY,
                "Makefile", "run:\n\tdbt run --profiles-dir ./conf\n");
        assertThat(read(make, "").file()).isEqualTo("conf/profiles.yml");
    }

    @Test
    void aProfilesDirOutsideTheRepositoryIsNotGuessedInside() {
        assertThat(Profiles.relativeDir("~/.dbt")).isNull();
        assertThat(Profiles.relativeDir("/home/runner/.dbt")).isNull();
        assertThat(Profiles.relativeDir("$HOME/.dbt")).isNull();
        assertThat(Profiles.relativeDir("./")).isEmpty();
        assertThat(Profiles.relativeDir("$(pwd)/ci")).isEqualTo("ci/");
    }

    @Test
    void aNamedTargetIsChosenAndEnvVarDefaultsAreRead() {
        String text = """
                shop:
                  target: "{{ env_var('DBT_TARGET', 'prod') }}"
                  outputs:
                    prod: {type: "{{ env_var('DBT_TYPE', 'snowflake') }}", account: "{{ env_var('SF_ACCOUNT') }}"}
                    dev: {type: duckdb}
                """;
        ProjectFiles f = files("dbt_project.yml", PROJECT, "profiles.yml", text);
        Profiles.Target prod = read(f, "").target().orElseThrow();
        assertThat(prod.name()).isEqualTo("prod");
        assertThat(prod.type()).isEqualTo("snowflake");
        assertThat(prod.unresolved()).containsKey("account");
        Profiles.Result dev = Profiles.read(f.files(), f::read, "", "shop", Optional.of("dev"));
        assertThat(dev.target().orElseThrow().type()).isEqualTo("duckdb");
        assertThat(Profiles.read(f.files(), f::read, "", "shop", Optional.of("qa")).problem()).contains("does not define");
    }

    @Test
    void anUnreadableProfileIsAProblemOfTheProjectNotACrash() {
        ProjectFiles f = files("dbt_project.yml", PROJECT, "profiles.yml", "shop: [unclosed\n");
        DbtProject project = DbtProject.load(f, null);
        assertThat(project.dialect()).isEqualTo(Dialect.ANSI);
        assertThat(project.problems()).extracting(DbtProject.Problem::path).containsExactly("profiles.yml");
    }

    @Test
    void aNestedProjectsProfilesOrOnePerAdapterAreNotProductions() {
        // Tuva's layout: the root project keeps no profile; integration_tests/ is a project of its own with one per adapter
        ProjectFiles nested = files("dbt_project.yml", PROJECT, "integration_tests/dbt_project.yml", PROJECT,
                "integration_tests/profiles/bigquery/profiles.yml", BIGQUERY);
        assertThat(read(nested, "").target()).isEmpty();
        assertThat(DbtProject.load(nested, null).dialect()).isEqualTo(Dialect.ANSI);
        assertThat(read(nested, "integration_tests/").file()).isEqualTo("integration_tests/profiles/bigquery/profiles.yml");
        // ... even when a CI workflow names it with --profiles-dir (for the nested project)
        ProjectFiles namedInCi = files("dbt_project.yml", PROJECT, "integration_tests/dbt_project.yml", PROJECT,
                "integration_tests/profiles/bigquery/profiles.yml", BIGQUERY, ".github/workflows/ci.yml",
                "steps:\n  - run: dbt deps --profiles-dir ./integration_tests/profiles/bigquery\n");
        assertThat(read(namedInCi, "").target()).isEmpty();

        ProjectFiles perAdapter = files("dbt_project.yml", PROJECT, "profiles/bigquery/profiles.yml", BIGQUERY,
                "profiles/snowflake/profiles.yml", "shop: {outputs: {prod: {type: snowflake}}}\n");
        assertThat(read(perAdapter, "").target()).isEmpty();
        // near miss: one profile in a folder of its own is still found
        ProjectFiles single = files("dbt_project.yml", PROJECT, "deploy/profiles.yml", BIGQUERY);
        assertThat(read(single, "").file()).isEqualTo("deploy/profiles.yml");
    }
}
