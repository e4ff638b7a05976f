package dev.lastmile.dbt.render;

import static dev.lastmile.dbt.render.JinjaRendererTest.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.sql.SqlParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code adapter.dispatch} and the adapter's helpers as a project that supports only some warehouses uses them (the
 * shapes are Tuva's): the implementation dbt would pick for the adapter, and SQL that still parses where the project
 * has none.
 */
class AdapterDispatchTest {

    private static final Map<String, String> FILES = Map.of(
            "dbt_project.yml", "name: health\nprofile: health\n",
            "macros/json.sql", """
                    {% macro create_json_object(table_ref, group_by_col, object_col_name, object_col_list) %}
                      {{ return(adapter.dispatch('create_json_object')(table_ref, group_by_col, object_col_name, object_col_list)) }}
                    {% endmacro %}
                    {% macro default__create_json_object(table_ref, group_by_col, object_col_name, object_col_list) %}
                      {{ exceptions.warn("The macro create_json_object is not implemented for this adapter.") }}
                    {% endmacro %}
                    {% macro snowflake__create_json_object(table_ref, group_by_col, object_col_name, object_col_list) %}
                    select {{ group_by_col }}, to_json(array_agg(object_construct(
                      {%- for c in object_col_list %}'{{ c }}', {{ c }}{% if not loop.last %}, {% endif %}{% endfor -%}
                    ))) as {{ object_col_name }}
                    from {{ table_ref }}
                    group by {{ group_by_col }}
                    {% endmacro %}
                    """,
            "macros/clauses.sql", """
                    {% macro optional_clause() %}{{ return(adapter.dispatch('optional_clause')()) }}{% endmacro %}
                    {% macro default__optional_clause() %}{% endmacro %}
                    {% macro bigquery__optional_clause() %}and _partitiontime is not null{% endmacro %}
                    {% macro flavour() %}{{ return(adapter.dispatch('flavour')()) }}{% endmacro %}
                    {% macro default__flavour() %}default{% endmacro %}
                    {% macro postgres__flavour() %}postgres{% endmacro %}
                    {% macro spark__flavour() %}spark{% endmacro %}
                    """,
            "macros/dates.sql", """
                    {%- macro try_to_cast_date(column_name) -%}
                        {{ return(adapter.dispatch('try_to_cast_date')(column_name)) }}
                    {%- endmacro -%}
                    {%- macro default__try_to_cast_date(column_name) -%}
                        try_cast({{ column_name }} as date)
                    {%- endmacro -%}
                    {%- macro postgres__try_to_cast_date(column_name) -%}
                        {{ dbt.safe_cast(column_name, api.Column.translate_type("date")).strip() }}
                    {%- endmacro -%}
                    """);

    private static final String JSON_MODEL = """
            with unioned as (
                select patient_id, code from {{ ref('conditions') }}
            )

            /* one JSON object per patient */
            {{ create_json_object(table_ref='unioned', group_by_col='patient_id', object_col_name='codes', object_col_list=['code']) }}
            """;

    private static JinjaRenderer renderer(Dialect dialect) {
        ProjectFiles files = ProjectFiles.of(FILES);
        return new JinjaRenderer(DbtProject.load(files, dialect), files, Map.of());
    }

    private static boolean parses(Rendered r, Dialect dialect) {
        SqlParser.Parsed p = SqlParser.parse(r.sql(), dialect);
        return !p.statements().isEmpty() && p.statements().stream().allMatch(SqlStatement::fullTree);
    }

    @Test
    void aMacroTheAdapterLacksBecomesAPlaceholderQueryThatParses() {
        // Postgres has no create_json_object; its default only warns, so dbt would leave the statement without a query
        Rendered r = renderer(Dialect.POSTGRES).render("models/patient_json.sql", JSON_MODEL, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        // the parser reads it as the statement's query (the normaliser's placeholder-final-query rewrite)
        assertThat(r.sql()).contains("__lm_create_json_object(unioned, patient_id, codes)");
        assertThat(dev.lastmile.dbt.sql.Normalizer.normalize(r.sql(), Dialect.POSTGRES).text())
                .contains("select * from __lm_create_json_object(unioned, patient_id, codes)");
        assertThat(parses(r, Dialect.POSTGRES)).as(r.sql()).isTrue();
        assertThat(r.sourceLine(lineOf(r.sql(), "__lm_create_json_object"))).isEqualTo(6);
        assertThat(r.refs()).containsExactly("conditions");

        // where the project implements it, its SQL is used
        Rendered snowflake = renderer(Dialect.SNOWFLAKE).render("models/patient_json.sql", JSON_MODEL, false);
        assertThat(snowflake.sql()).contains("to_json(array_agg(object_construct('code', code))) as codes")
                .doesNotContain("__lm_create_json_object");
        assertThat(parses(snowflake, Dialect.SNOWFLAKE)).as(snowflake.sql()).isTrue();
    }

    @Test
    void aDefaultThatRendersNothingWithoutComplainingStaysNothing() {
        Rendered r = renderer(Dialect.POSTGRES).render("models/t.sql",
                "select a from {{ ref('t') }}\nwhere a > 1 {{ optional_clause() }}\n", false);
        assertThat(r.sql()).doesNotContain("__lm_").contains("where a > 1");
        assertThat(parses(r, Dialect.POSTGRES)).isTrue();
        assertThat(renderer(Dialect.BIGQUERY).render("models/t.sql", "select a from t where a > 1 {{ optional_clause() }}", false)
                .sql()).contains("and _partitiontime is not null");
    }

    @Test
    void dispatchSearchesTheAdaptersDbtWould() {
        String model = "select '{{ flavour() }}' as f";
        // Redshift inherits Postgres' implementations, Databricks Spark's; Postgres and Snowflake only their own
        assertThat(renderer(Dialect.REDSHIFT).render("models/f.sql", model, false).sql()).contains("'postgres' as f");
        assertThat(renderer(Dialect.DATABRICKS).render("models/f.sql", model, false).sql()).contains("'spark' as f");
        assertThat(renderer(Dialect.POSTGRES).render("models/f.sql", model, false).sql()).contains("'postgres' as f");
        assertThat(renderer(Dialect.SNOWFLAKE).render("models/f.sql", model, false).sql()).contains("'default' as f");
        assertThat(MacroLibrary.dispatchAdapters("redshift")).containsExactly("redshift", "postgres");
    }

    @Test
    void apiColumnTranslatesTypesAsTheAdapterDoes() {
        String model = """
                select
                    {{ try_to_cast_date('birth_date') }} as birth_date,
                    cast(name as {{ api.Column.translate_type('string') }}) as name
                from {{ ref('patients') }}
                """;
        Rendered pg = renderer(Dialect.POSTGRES).render("models/p.sql", model, false);
        assertThat(pg.sql()).contains("cast(birth_date as date) as birth_date", "cast(name as TEXT) as name");
        assertThat(parses(pg, Dialect.POSTGRES)).as(pg.sql()).isTrue();
        assertThat(pg.sourceLine(lineOf(pg.sql(), "cast(name"))).isEqualTo(3);
        Rendered bq = renderer(Dialect.BIGQUERY).render("models/p.sql",
                "select cast(n as {{ api.Column.translate_type('text') }}) as n, cast(i as {{ api.Column.translate_type('integer') }}) as i from t", false);
        assertThat(bq.sql()).contains("cast(n as STRING) as n", "cast(i as INT64) as i");
    }
}
