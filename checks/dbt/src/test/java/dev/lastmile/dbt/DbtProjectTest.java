package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DbtProjectTest {

    @Test
    void readsProjectProfileModelsMetadataPackagesAndExposures() {
        DbtProject p = DbtProject.load(ProjectFiles.of(Map.of(
                "analytics/dbt_project.yml", "name: shop\nprofile: shop\nmodel-paths: [models]\nmodels:\n  shop:\n    marts:\n      +schema: marts\n",
                "analytics/profiles.yml", "shop:\n  target: prod\n  outputs:\n    prod: {type: databricks, schema: s}\n",
                "analytics/models/marts/orders.sql", "select 1",
                "analytics/models/schema.yml", """
                        version: 2
                        models:
                          - name: orders
                            columns:
                              - name: email
                                meta: {sensitive: true}
                              - name: ip
                                policy_tags: [x]
                              - name: id
                        sources:
                          - name: crm
                            schema: raw_crm
                            tables:
                              - name: users
                                columns:
                                  - name: dob
                                    meta: {classification: confidential}
                        exposures:
                          - name: dash
                            depends_on: ["ref('orders')"]
                        """,
                "analytics/macros/m.sql", "{% macro m() %}{% endmacro %}",
                "analytics/dbt_packages/dbt_utils/macros/star.sql", "{% macro star() %}{% endmacro %}",
                "analytics/dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils")), null);
        assertThat(p.isDbt()).isTrue();
        assertThat(p.root()).isEqualTo("analytics/");
        assertThat(p.dialect()).isEqualTo(Dialect.DATABRICKS);
        assertThat(p.isModel("analytics/models/marts/orders.sql")).isTrue();
        assertThat(p.isMacroFile("analytics/macros/m.sql")).isTrue();
        assertThat(p.modelPath("orders")).contains("analytics/models/marts/orders.sql");
        assertThat(p.model("orders").orElseThrow().columns().get("email").pii()).isTrue();
        assertThat(p.model("orders").orElseThrow().columns().get("ip").reason()).isEqualTo("policy_tags");
        assertThat(p.model("orders").orElseThrow().columns().get("id").pii()).isFalse();
        assertThat(p.source("crm.users").orElseThrow().schema()).isEqualTo("raw_crm");
        assertThat(p.source("crm.users").orElseThrow().columns().get("dob").pii()).isTrue();
        assertThat(p.exposedModels()).containsExactly("orders");
        assertThat(p.packageMacroFiles()).containsOnlyKeys("dbt_utils");
        assertThat(p.folderConfig("analytics/models/marts/orders.sql", "schema")).contains("marts");
    }

    @Test
    void plainSqlRepositoryAndBrokenYamlNeverThrow() {
        DbtProject p = DbtProject.load(ProjectFiles.of(Map.of("q/a.sql", "select 1", "x/schema.yml", "a: [")), Dialect.POSTGRES);
        assertThat(p.isDbt()).isFalse();
        assertThat(p.isModel("q/a.sql")).isTrue();
        assertThat(p.dialect()).isEqualTo(Dialect.POSTGRES);

        DbtProject broken = DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", "name: x",
                "models/schema.yml", "models:\n  - name: a\n   - name: b\n")), null);
        assertThat(broken.problems()).singleElement().satisfies(pr -> assertThat(pr.path()).isEqualTo("models/schema.yml"));
    }
}
