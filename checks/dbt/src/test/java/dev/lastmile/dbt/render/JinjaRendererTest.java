package dev.lastmile.dbt.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class JinjaRendererTest {

    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("dbt_project.yml", "name: shop\nprofile: shop\nvars:\n  lookback_days: 30\n"
                + "  report_year: '{{ run_started_at.strftime(\"%Y\") }}'\n  shop:\n    currency: EUR\n");
        FILES.put("profiles.yml", "shop:\n  target: prod\n  outputs:\n    prod: {type: bigquery, project: p, dataset: analytics, keyfile: secret.json}\n");
        FILES.put("macros/cents.sql", """
                {% macro cents_to_dollars(col) -%}
                    {{ return(adapter.dispatch('cents_to_dollars')(col)) }}
                {%- endmacro %}
                {% macro default__cents_to_dollars(col) -%}
                    ({{ col }} / 100)
                {%- endmacro %}
                {% macro bigquery__cents_to_dollars(col) -%}
                    round({{ col }} / 100, 2)
                {%- endmacro %}
                """);
        FILES.put("models/a.sql", "select 1");
        FILES.put("macros/cols.sql", """
                {% macro key_columns(prefix) %}
                    {{ return([prefix ~ '_id', prefix ~ '_at']) }}
                {% endmacro %}
                {% macro warehouse_columns() %}
                    {% if execute %}{{ return(run_query('select 1')) }}{% endif %}
                {% endmacro %}
                """);
    }

    private final JinjaRenderer renderer;

    JinjaRendererTest() {
        ProjectFiles files = ProjectFiles.of(FILES);
        renderer = new JinjaRenderer(DbtProject.load(files, null), files, Map.of("region", "eu"));
    }

    @Test
    void rendersDbtCallsAsPlaceholdersAndRecordsThem() {
        Rendered r = renderer.render("models/orders.sql", """
                {{ config(materialized='incremental', schema='marts') }}
                select o.id, {{ cents_to_dollars('o.amount') }} as amount, '{{ var("currency") }}' as ccy,
                       {{ var('lookback_days') }} as days, '{{ var('region') }}' as region, '{{ env_var('HOME', 'none') }}' as home,
                       '{{ target.name }}' as t
                from {{ ref('stg_orders') }} o
                join {{ source('crm', 'customers') }} c on c.id = o.customer_id
                """, false);
        assertThat(r.failed()).isFalse();
        assertThat(r.sql()).contains("round(o.amount / 100, 2) as amount", "'EUR' as ccy", "30 as days", "'eu' as region",
                "'none' as home", "'prod' as t", "from __ref__stg_orders o", "join __src__crm__customers c");
        assertThat(r.refs()).containsExactly("stg_orders");
        assertThat(r.sources()).containsExactly("crm.customers");
        assertThat(r.config()).containsEntry("materialized", "incremental").containsEntry("schema", "marts");
        assertThat(r.sql()).doesNotContain("secret.json");
    }

    @Test
    void envVarNeverReadsTheRealEnvironment() {
        Rendered r = renderer.render("models/x.sql", "select '{{ env_var('PATH') }}' as p", false);
        assertThat(r.sql()).contains("__lm_env_PATH").doesNotContain(System.getenv().getOrDefault("PATH", "\u0000"));
    }

    @Test
    void isIncrementalRendersEachBranchInItsOwnRendering() {
        String t = "select * from {{ ref('e') }}\n{% if is_incremental() %}\nwhere ts > (select max(ts) from {{ this }})\n{% endif %}\n";
        Rendered full = renderer.render("models/e2.sql", t, false);
        Rendered inc = renderer.render("models/e2.sql", t, true);
        assertThat(full.usedIncremental()).isTrue();
        assertThat(full.sql()).doesNotContain("where");
        assertThat(inc.sql()).contains("where ts > (select max(ts) from __this__)");
        assertThat(inc.sourceLine(lineOf(inc.sql(), "where"))).isEqualTo(3);
    }

    @Test
    void unknownMacrosBecomeNeutralPlaceholdersThatKeepColumnArguments() {
        Rendered r = renderer.render("models/u.sql", """
                with days as (
                    {{ my_date_spine('day', '2020-01-01') }}
                ),
                x as (select {{ my_pkg.clean('email') }} as e, {{ dbt_utils.generate_surrogate_key(['a', 'b']) }} as k from days)
                select * from x
                """, false);
        assertThat(r.failed()).isFalse();
        assertThat(r.sql()).contains("__lm_my_date_spine(day)").contains("__lm_my_pkg_clean(email) as e")
                .contains("md5(concat(a, b)) as k");
        assertThat(r.unknownMacros()).contains("my_date_spine", "my_pkg.clean");
    }

    @Test
    void everyRenderedLineMapsBackToTheLineAPersonEdits() {
        String t = """
                {%- set cols = ['a', 'b', 'c'] -%}
                select
                {% for c in cols %}
                    {{ c }},
                {% endfor %}
                    {{ cents_to_dollars('x') }} as x
                from {{ ref('t') }}
                where y > 1
                """;
        Rendered r = renderer.render("models/loop.sql", t, false);
        assertThat(r.sourceLine(lineOf(r.sql(), "where"))).isEqualTo(8);
        assertThat(r.sourceLine(lineOf(r.sql(), "__ref__t"))).isEqualTo(7);
        assertThat(r.sourceLine(lineOf(r.sql(), "round(x"))).isEqualTo(6);
        assertThat(r.sourceLine(lineOf(r.sql(), "b,"))).isEqualTo(4);
    }

    @Test
    void brokenJinjaFallsBackToBlankingTagsWithLinesKept() {
        Rendered r = renderer.render("models/b.sql", "select a\n{% if x %}\nfrom {{ ref('t') }}\n", false);
        assertThat(r.failed()).isTrue();
        assertThat(r.sql()).contains("from __ref__t");
        assertThat(r.sourceLine(lineOf(r.sql(), "__ref__t"))).isEqualTo(3);
        assertThat(r.refs()).containsExactly("t");
    }

    @Test
    void pythonStyleTrailingCommasInCallsAndDicts() {
        Rendered r = renderer.render("models/c.sql", "{{ config(\n  meta={'owner': 'x',},\n  tags=['a',],\n) }}\nselect 1 as one", false);
        assertThat(r.failed()).isFalse();
        assertThat(r.sql().strip()).isEqualTo("select 1 as one");
    }

    @Test
    void pythonIdiomsThatDbtProjectsUse() {
        Rendered r = renderer.render("models/py.sql", """
                {%- set cols = key_columns('order') -%}
                {%- set none_here = warehouse_columns() -%}
                select {{ ', '.join(cols) }}{% for c in none_here %}, {{ c }}{% endfor %},
                       '{{ 'ABC'.lower() }}' as l, {{ 'yes' if 'order_id'.startswith('order') else 'no' }} as s,
                       '{{ run_started_at.strftime('%Y') }}' as y, '{{ config.get('materialized', 'view') }}' as m
                from {{ shop.cents_to_dollars('x') }}
                """, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("select order_id, order_at,").contains("'abc' as l").contains("yes as s")
                .contains("'2024' as y").contains("'view' as m").contains("round(x / 100, 2)");
    }

    @Test
    void runStartedAtFormatsAsPythonDoes() {
        Rendered r = renderer.render("models/d.sql", """
                select '{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as ts, '{{ run_started_at.strftime("%y%m%%") }}' as s,
                       cast('{{ run_started_at.astimezone(modules.pytz.timezone("UTC")) }}' as timestamp) as utc
                """, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("'2024-01-01 00:00:00' as ts", "'2401%' as s", "cast('2024-01-01 00:00:00' as timestamp) as utc");
    }

    @Test
    void varsHoldingJinjaAreRenderedWhereUsed() {
        // dbt renders a string var's Jinja when var() reads it: `payment_year: '{{ run_started_at.strftime("%Y") }}'`
        Rendered r = renderer.render("models/v.sql", "select * from {{ ref('scores') }}\nwhere payment_year = {{ var('report_year') }}", false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("where payment_year = 2024");
        assertThat(r.sourceLine(lineOf(r.sql(), "payment_year"))).isEqualTo(2);
    }

    @Test
    void adjacentStringLiteralsAreOneStringAsInJinja() {
        Rendered r = renderer.render("models/s.sql", """
                select
                    {{ dbt.concat([
                        "gender",
                        "case"
                        " when medicaid = 'Yes' then 'Medicaid'"
                        ' else "other"'
                        " end"
                    ]) }} as description,
                    '{{ 'it' "'s" }}' as quoted
                from {{ ref('members') }}
                """, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("concat(gender, case when medicaid = 'Yes' then 'Medicaid' else \"other\" end) as description");
        assertThat(r.sql()).contains("'it's' as quoted");
        assertThat(r.sourceLine(lineOf(r.sql(), "from __ref__members"))).isEqualTo(10);
        assertThat(TemplateRewrites.joinAdjacentStrings(" f(\"a\"\n   \"b\", 'c') ")).isEqualTo(" f(\"ab\"\n, 'c') ");
        assertThat(TemplateRewrites.joinAdjacentStrings("'a' \"b\\\"c'd\"")).isEqualTo("'ab\"c\\'d'");
    }

    @Test
    void aJinjaDelimiterInsideATagsStringDoesNotEndTheTag() {
        String template = """
                {{ config(
                    materialized='table',
                    meta = {
                      'last_train_point': '{{ ds }}',
                      "note": "{% raw %} and %}",
                    }
                ) }}
                select isp, ts
                from {{ ref('devices') }}
                where frequency = '5m' and d = '{{ var("day", "x") }}'
                """;
        Rendered r = renderer.render("models/forecast.sql", template, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("from __ref__devices").contains("d = 'x'");
        assertThat(r.refs()).containsExactly("devices");
        assertThat(r.config()).containsEntry("materialized", "table");
        assertThat(r.sourceLine(lineOf(r.sql(), "select isp"))).isEqualTo(8);
        assertThat(r.sourceLine(lineOf(r.sql(), "where frequency"))).isEqualTo(10);
        // only the string's delimiters are split; tags outside strings, comments and raw blocks stay as they are
        assertThat(TemplateRewrites.quotedDelimitersInTags("{{ f('{{ x }}') }} {# '{{' #} {% raw %}'{{ y }}'{% endraw %} '{{ z }}'"))
                .isEqualTo("{{ f('{ { x } }') }} {# '{{' #} {% raw %}'{{ y }}'{% endraw %} '{{ z }}'");
        assertThat(TemplateRewrites.quotedDelimitersInTags("{{ 'unterminated }}")).isEqualTo("{{ 'unterminated }}");
    }

    @Test
    void tagExpressionsAreReadAsPythonReadsThem() {
        Rendered r = renderer.render("models/events.sql", """
                {%- set events = [
                   {"name": "cluster_viewed", "pattern": "(\\/[0-9a-z_.-]*){2,}\\/clusters\\/[0-9]{1,}"},
                   {"name": "page_viewed", "pattern": "it's, (.*?)",},
                ] -%}
                with base as (select page_url_path from {{ ref('page_views') }})
                {% for e in events %}
                , {{ e.name }} as (select * from base where page_url_path regexp '{{ e.pattern }}')
                {% endfor %}
                select * from cluster_viewed
                """, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        // the regular expression reaches the SQL as written: backslashes kept, `{2,}` not taken for a trailing comma
        assertThat(r.sql()).contains("cluster_viewed as (select * from base where page_url_path regexp "
                + "'(\\/[0-9a-z_.-]*){2,}\\/clusters\\/[0-9]{1,}')").contains("page_viewed as");
        assertThat(TemplateRewrites.pythonicExpression(" f(a, 'x,)', [1, 2, ], {'k': 'v',},) "))
                .isEqualTo(" f(a, 'x,)', [1, 2 ], {'k': 'v'}) ");
        assertThat(TemplateRewrites.pythonicExpression("'a\\/b' ~ \"\\n\\d\"")).isEqualTo("'a\\\\/b' ~ \"\\n\\\\d\"");
    }

    @Test
    void aKeywordArgumentTakesTheWholeExpressionAsInPython() {
        Rendered r = renderer.render("models/tracks.sql", """
                {%- set extra = ["plugin_version"] -%}
                {%- macro cols(include=[], prefix='') -%}{{ prefix }}{{ include | join(', ') }}{%- endmacro -%}
                select {{ cols(include=['id', 'event'] + extra, prefix='t' ~ '.') }}
                from {{ ref('tracks') }}
                """, false);
        assertThat(r.failed()).as(r.error()).isFalse();
        assertThat(r.sql()).contains("select t.id, event, plugin_version");
        assertThat(TemplateRewrites.keywordValuesParenthesised(" f(a, include=x + y, n=1, s='a+b', g=h(1) - 2, ok = b == c) "))
                .isEqualTo(" f(a, include=(x + y), n=1, s='a+b', g=(h(1) - 2), ok = b == c) ");
    }

    @Property(tries = 200)
    void neverThrowsOnArbitraryTemplates(@ForAll @StringLength(max = 200) String any) {
        Rendered r = renderer.render("models/p.sql", any, false);
        assertThat(r.lineMap()).isNotEmpty();
        renderer.render("models/p.sql", "{{ " + any + " }}\n{% if " + any + " %}x{% endif %}", true);
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).as("'%s' in:\n%s", needle, text).isGreaterThanOrEqualTo(0);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
