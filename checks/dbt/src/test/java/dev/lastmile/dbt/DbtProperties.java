package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.naming.RelationNaming;
import dev.lastmile.dbt.profile.Profiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The dbt readers on hostile input (moved here with them from the residency check): a profile, a schema file or a
 * naming macro never throws, and a rendering of worst-case Jinja ends in bounded time.
 */
class DbtProperties {

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.of("shop:\n", "  target: prod\n", "  outputs:\n", "    prod: {type: bigquery, location: EU}\n",
                "models:\n", "  - name: m\n", "    meta: {residency: eu}\n", "    columns: [{name: c, tests: [unique]}]\n",
                "  - ", ": ", "{", "}", "[", "]", "&a ", "*a ", "!Ref ", "\n", "  ", "'", "\"", "#", "---\n", "? ", "|\n", "\t",
                "{{ env_var('X', 'd') }}")
                .list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void profilesAndSchemaYamlNeverThrow(@ForAll("yamlish") String text) {
        Profiles.Result r = Profiles.read(List.of("profiles.yml"), p -> Optional.of(text), "", "shop", Optional.empty());
        assertThat(r.target().isPresent() || !r.problem().isEmpty()).isTrue();
        DbtProject p = DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/schema.yml", text,
                "profiles.yml", text)), null);
        assertThat(p.problems()).allMatch(pr -> pr.line() >= 0);
    }

    @Provide
    Arbitrary<String> jinjaMacros() {
        return Arbitraries.of("{% macro generate_schema_name(custom_schema_name, node) -%}", "{%- endmacro %}",
                "{{ target.schema }}", "{{ custom_schema_name | trim }}", "{% if custom_schema_name is none %}",
                "{% else %}", "{% endif %}", "{{ return(", ")", "}}", "{%", "%}", "_", "{{ env_var('X', 'd') }}",
                "{{ node.name }}", "{% for i in range(10) %}x{% endfor %}", "{{ generate_schema_name(custom, node) }}", "\n", " ")
                .list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Property(tries = 100)
    void projectNamingMacrosNeverThrow(@ForAll("jinjaMacros") String macros, @ForAll @StringLength(max = 20) String custom) {
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "macros/naming.sql", macros,
                "profiles.yml", "shop: {target: prod, outputs: {prod: {type: bigquery, project: p, dataset: analytics}}}\n"));
        DbtProject project = DbtProject.load(files, null);
        RelationNaming naming = new RelationNaming(project, new DbtAnalyzer(project, files, Map.of()).renderer(),
                project.profile(Optional.empty()).target());
        assertThat(naming.schema(custom.isEmpty() ? null : custom, "m", "models/m.sql")).isNotNull();
        assertThat(naming.database(null, "m", "models/m.sql")).isNotNull();
    }

    @Provide
    Arbitrary<String> worstCaseJinja() {
        // the shapes that grow without end: nested loops, doubling strings and lists, deep macro recursion
        return Arbitraries.of("{% for i in range(1000) %}", "{% endfor %}", "{% set ns = namespace(s='xxxxxxxx') %}",
                "{% set ns.s = ns.s ~ ns.s %}", "{% set l = [1, 2] %}", "{% set l = l + l %}",
                "{% macro r(n) %}{{ r(n) }}{% endmacro %}", "{{ r(1) }}", "{{ ns.s }}", "select 1", "{{ 'x' * 1000 }}")
                .list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 60)
    void worstCaseJinjaEndsUnderATimeBound(@ForAll("worstCaseJinja") String template) {
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/m.sql", template));
        DbtProject project = DbtProject.load(files, null);
        DbtAnalyzer analyzer = new DbtAnalyzer(project, files, Map.of());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> analyzer.renderer().render("models/m.sql", template, false));
    }
}
