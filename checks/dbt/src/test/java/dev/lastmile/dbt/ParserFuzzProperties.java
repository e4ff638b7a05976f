package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.testing.Adversarial;
import dev.lastmile.dbt.model.TokenQueryReader;
import dev.lastmile.dbt.profile.Profiles;
import dev.lastmile.dbt.render.JinjaRenderer;
import dev.lastmile.dbt.render.Rendered;
import dev.lastmile.dbt.sql.SqlLexer;
import dev.lastmile.dbt.sql.SqlParser;
import dev.lastmile.dbt.sql.StatementSplitter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser entry of the dbt readers fed adversarial text (issue 14): Jinja rendering, the SQL lexer, splitter,
 * JSqlParser and the token reader, dbt_project.yml, schema YAML, profiles.yml and dialect inference. Each gives a
 * result (a parse problem is part of the result) within its bound, never an exception. The bounds are hang
 * detectors well above the work's real time, which bench/ measures.
 */
class ParserFuzzProperties {

    private static final Duration BOUND = Duration.ofSeconds(60); // a hang detector: hangs take hours; loaded CI takes seconds
    private static final Set<Class<? extends Throwable>> NONE = Set.of();

    @Provide
    Arbitrary<String> jinja() {
        return Adversarial.text(List.of("{{ ", " }}", "{% ", " %}", "{%- ", " -%}", "{# ", " #}", "ref('m')",
                "source('s', 't')", "config(materialized='table')", "var('x')", "env_var('X', 'd')", "is_incremental()",
                "if ", "endif", "for i in range(1000)", "endfor", "set x = ", "macro m(a)", "endmacro", "call m()",
                "endcall", "namespace(s='x')", "x ~ x", "[1] + [1]", "| join(',')", "| replace('a', 'aa')", "select ",
                " from ", "loop.index", "caller()", "raw", "endraw", "adapter.dispatch('x')", "return(1)", "do x.append(1)"));
    }

    @Provide
    Arbitrary<String> sql() {
        return Adversarial.text(List.of("select ", " from ", " where ", " join ", " on ", " group by ", " union all ",
                "with a as (", ")", "(", ",", "'", "\"", "`", "$$", "--", "/*", "*/", ";", "case when ", " then ",
                " end", "over (partition by ", "::", "[", "]", "{", "}", "a.b.c", "*", "1", "null", "create table t as ",
                "insert into t ", "merge into t using s on ", "qualify ", "lateral flatten(", "struct<a int>",
                "begin ", "declare x int;", "execute immediate '", "e'", "U&'", "$tag$", "{{ ref('m') }}", "__ref__m"));
    }

    @Provide
    Arbitrary<String> yaml() {
        return Adversarial.text(List.of("name: shop\n", "version: 2\n", "models:\n", "  - name: m\n", "    columns:\n",
                "      - name: c\n", "        meta: {pii: true}\n", "sources:\n", "    tables:\n", "profile: shop\n",
                "shop:\n", "  target: prod\n", "  outputs:\n", "    prod: {type: bigquery, location: EU}\n", "vars:\n",
                "model-paths: [models]\n", "{{ env_var('X') }}", "&a ", "*a ", "<<: *a\n", "!!binary ", "? ", ": ",
                "- ", "  ", "\n", "|\n", ">-\n", "'", "\"", "{", "}", "[", "]", "%TAG ! x\n", "--- !x\n", "*b"));
    }

    @Property(tries = 40)
    void jinjaRenderingEndsWithAResultOrAFailureItSays(@ForAll("jinja") String template) {
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/m.sql", template));
        Rendered r = Adversarial.bounded(BOUND, "JinjaRenderer.render", template, NONE, () ->
                new JinjaRenderer(DbtProject.load(files, null), files, Map.of()).render("models/m.sql", template, false));
        assertThat(r).isNotNull();
        assertThat(r.sql()).isNotNull();
    }

    @Property(tries = 40)
    void sqlLexerSplitterParserAndTokenReaderEndWithAResult(@ForAll("sql") String sql) {
        for (Dialect d : List.of(Dialect.BIGQUERY, Dialect.SNOWFLAKE, Dialect.POSTGRES)) {
            assertThat(Adversarial.bounded(BOUND, "SqlLexer.lex " + d, sql, NONE, () -> SqlLexer.lex(sql, d))).isNotNull();
            assertThat(Adversarial.bounded(BOUND, "StatementSplitter.split " + d, sql, NONE,
                    () -> StatementSplitter.split(sql, d))).isNotNull();
            assertThat(Adversarial.bounded(BOUND, "SqlParser.parse " + d, sql, NONE, () -> SqlParser.parse(sql, d))).isNotNull();
            assertThat(Adversarial.bounded(BOUND, "TokenQueryReader.read " + d, sql, NONE,
                    () -> TokenQueryReader.read(sql, 1, d, "fuzz"))).isNotNull();
        }
    }

    @Property(tries = 40)
    void projectSchemaAndProfileYamlEndWithAResultOrAProblem(@ForAll("yaml") String text) {
        DbtProject asProject = Adversarial.bounded(BOUND, "DbtProject.load(dbt_project.yml)", text, NONE,
                () -> DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", text)), null));
        assertThat(asProject).isNotNull();
        DbtProject asSchema = Adversarial.bounded(BOUND, "DbtProject.load(schema.yml)", text, NONE,
                () -> DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/schema.yml", text,
                        "models/m.sql", "select 1")), null));
        assertThat(asSchema.problems()).allMatch(p -> p.line() >= 0);
        Profiles.Result profile = Adversarial.bounded(BOUND, "Profiles.read", text, NONE,
                () -> Profiles.read(List.of("profiles.yml"), p -> Optional.of(text), "", "shop", Optional.empty()));
        assertThat(profile.target().isPresent() || !profile.problem().isEmpty()).isTrue();
    }

    @Property(tries = 40)
    void dialectInferenceEndsOnAnyModelOrSqlfluffFile(@ForAll("sql") String text) {
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", "models/m.sql", text, ".sqlfluff", text));
        assertThat(Adversarial.bounded(BOUND, "DialectInference.infer", text, NONE, () -> DialectInference.infer(files)))
                .isNotNull();
    }

    /**
     * Pinned from the fuzzer: a megabyte of one repeated key (SnakeYAML logged a warning per duplicate, a millisecond
     * each, and took minutes). Each YAML reader keeps the last value, as dbt does, within the bound.
     */
    @net.jqwik.api.Example
    void aMegabyteOfOneRepeatedKeyLoads() {
        String text = "name: shop\n".repeat(95_000);
        DbtProject p = Adversarial.bounded(BOUND, "DbtProject.load(dbt_project.yml)", text, NONE,
                () -> DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", text)), null));
        assertThat(p.name()).isEqualTo("shop");
        Profiles.Result profile = Adversarial.bounded(BOUND, "Profiles.read", text, NONE,
                () -> Profiles.read(List.of("profiles.yml"), f -> Optional.of(text), "", "shop", Optional.empty()));
        assertThat(profile).isNotNull();
    }

    /**
     * Pinned from the fuzzer: a .sqlfluff of a megabyte of blank lines (its dialect pattern's \s crossed line breaks,
     * so every line start rescanned the rest: minutes), and a model of blank lines before an unfinished FROM-first
     * query. The dialect line itself is still read.
     */
    @net.jqwik.api.Example
    void megabytesOfBlankLinesInferNothingQuicklyAndADialectLineIsStillRead() {
        String blank = "\r\n".repeat(500_000);
        ProjectFiles files = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n", ".sqlfluff", blank,
                "models/m.sql", "  \n".repeat(5_000) + "from t" + " ".repeat(10_000) + "x"));
        assertThat(Adversarial.bounded(BOUND, "DialectInference.infer", blank, NONE, () -> DialectInference.infer(files)))
                .isNotNull();
        ProjectFiles named = ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n",
                ".sqlfluff", blank + "[sqlfluff]\n  dialect = bigquery\n"));
        assertThat(DialectInference.infer(named).dialect()).isEqualTo(Dialect.BIGQUERY);
    }
}
