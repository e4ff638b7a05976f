package dev.lastmile.dbt.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.Relation;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NormalizerTest {

    static Stream<Arguments> constructs() {
        return Stream.of(
                arguments(Dialect.BIGQUERY, "select a, b, from t"),
                arguments(Dialect.BIGQUERY, "select \"text\" as s, r'\\d+' as re from `p.d.t`"),
                arguments(Dialect.BIGQUERY, "# comment\nselect 1 as x"),
                arguments(Dialect.BIGQUERY, "select items[offset(0)] as first, items[safe_ordinal(1)] as one from t"),
                arguments(Dialect.BIGQUERY, "select array_agg(x ignore nulls order by y) as xs from t"),
                arguments(Dialect.BIGQUERY, "select x from unnest([1, 2]) as x with offset as o"),
                arguments(Dialect.BIGQUERY, "with final as (select 1 as x) select * from final"),
                arguments(Dialect.SNOWFLAKE, "select sum(x) over (w) from t window w as (partition by a)"),
                arguments(Dialect.SNOWFLAKE, "with output as (select 1 as a) select * from output"),
                arguments(Dialect.DATABRICKS, "select a from t left anti join u on t.id = u.id distribute by a"),
                arguments(Dialect.SNOWFLAKE, "with days as (\n  -- a macro that rendered nothing\n) select * from days"),
                arguments(Dialect.SNOWFLAKE, "with days as ( __lm_date_spine(day) ) select * from days"),
                arguments(Dialect.SNOWFLAKE, "__lm_union_relations(a, b)"),
                arguments(Dialect.SNOWFLAKE, "with unioned as (\n\n1\n\n) select * from unioned"),
                arguments(Dialect.SNOWFLAKE, "-- a run-time macro found nothing\n1\n"),
                arguments(Dialect.POSTGRES, "/* a comment\n\n\nwith blank lines */\nselect a\n\n\nfrom t"),
                arguments(Dialect.SNOWFLAKE, "select parse_json(x)::array as a, cast(y as object) as o from t"),
                arguments(Dialect.DATABRICKS, "select 'USD' as from, t.from as to, case when sample then 1 else 0 end as s from t"),
                arguments(Dialect.DATABRICKS, "select case when from = to then 1 else 0 end as same from rates"),
                arguments(Dialect.DATABRICKS, "select order_id, case when `from` = to then 1 else rate end as r from rates"),
                arguments(Dialect.DATABRICKS, "select a, from, to, b from rates"),
                arguments(Dialect.DATABRICKS, "select fee as fee_original,\n  from.rate as from_rate\nfrom fees"),
                arguments(Dialect.DATABRICKS, "select case when q == 'Limbo' then 1 end as l from t where f == False"),
                arguments(Dialect.DATABRICKS, "select p.1688_min_price, p.2_pending_dt as 2_pending, 10L as n from p"),
                arguments(Dialect.DATABRICKS, "with x (select 1 as a), full as (select 2 as b), join (select 3 as c)\n"
                        + "select * from full as f left join join on f.b = join.c cross join x"),
                arguments(Dialect.DATABRICKS, "select a from balance b left join balance_current current on b.id = current.id"),
                arguments(Dialect.DATABRICKS, "select a from t as\nwhere t.status = 30"),
                arguments(Dialect.DATABRICKS, "select p.x, from.rate from p left join r as from on from.id = p.id and from.to = 'USD'"),
                arguments(Dialect.DATABRICKS, "select d + interval 1 week 12 hours as due, d - interval 2 days as p from t"),
                arguments(Dialect.DATABRICKS, "select e.id from events,\n  lateral view explode(xs) as e"),
                arguments(Dialect.DATABRICKS, "select a, b, count(*) as n from t group by a, b, grouping sets ((c, d), (c), ())"),
                arguments(Dialect.DATABRICKS, "select sum(x) over (order by d rows between 2 preceding and current row) as s from t"),
                arguments(Dialect.SNOWFLAKE, "select a,\n\n  ,\n  b, coalesce(c, d) as e from t"),
                arguments(Dialect.SNOWFLAKE, "select id, sha2(ip) as ip_hash,\n\n   as ip_address_hash from t"),
                arguments(Dialect.SNOWFLAKE, "select\n\n  , __lm_expr as x, b from t"),
                arguments(Dialect.SNOWFLAKE, "select e, case\n\n  else 'unknown' end as feature from t"),
                arguments(Dialect.SNOWFLAKE, "select a from t start with parent_id is null connect by parent_id = prior account_id"),
                arguments(Dialect.SNOWFLAKE, "select uuid from pings where uuid is not null and number >= 3 or final in (1, 2)"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("constructs")
    void rewritesWhatJSqlParserRejectsIntoWhatItParses(Dialect dialect, String sql) {
        SqlParser.Parsed parsed = SqlParser.parse(sql, dialect);
        assertThat(parsed.statements()).isNotEmpty().allMatch(SqlStatement::fullTree, "parsed to a full tree");
    }

    @Test
    void neverChangesTheNumberOfLinesAndLeavesNoEmptyLine() {
        String sql = "select a,\n\n\n  b,\nfrom t -- x,\n\nwhere c = 'it''s,\n\n'";
        String out = Normalizer.normalize(sql, Dialect.SNOWFLAKE).text();
        assertThat(out.split("\n", -1)).hasSameSizeAs(sql.split("\n", -1));
        // a run of blank lines is a statement separator to JSqlParser: every formerly empty line now holds a space
        String outsideString = out.substring(0, out.indexOf("where"));
        assertThat(outsideString).doesNotContain("\n\n");
        // the string literal is untouched
        assertThat(out).contains("'it''s,\n\n'");
    }

    @Test
    void neverRewritesInsideStringsCommentsOrQuotedNames() {
        String sql = "select 'a, from' as x, \"final\" as y, `map` as z -- , from\nfrom t";
        String out = Normalizer.normalize(sql, Dialect.SNOWFLAKE).text();
        // the comma before the comment's "from" is not a trailing comma; the comment itself is only whitespace
        assertThat(out).isEqualTo("select 'a, from' as x, \"final\" as y, `map` as z  \n from t");
    }

    @Test
    void whitespaceAndCommentsShrinkToASpaceKeepingEveryLineBreak() {
        String sql = "select a,      b   -- the b column\n\n\n      /* two\n\n lines */  from t\r\n\r\n  where c = 'x    y'";
        String out = Normalizer.normalize(sql, Dialect.POSTGRES).text();
        assertThat(out).isEqualTo("select a, b  \n \n \n \n \n  from t\r\n \r\n where c = 'x    y'");
        SqlStatement st = SqlParser.parse(sql, Dialect.POSTGRES).statements().getFirst();
        assertThat(st.fullTree()).isTrue();
        assertThat(st.query().predicates()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(8));
    }

    @Test
    void aRelationPlaceholderGluedToItsKeywordIsSplitOffAgain() {
        // dbt writes `from{{ source(..) }}` as from`p`.`raw`.`events` (quoted names need no space); here it is one word
        String sql = "select e.id, o.total from__src__raw__events e\nleft join__ref__orders o on o.id = e.id";
        SqlStatement st = SqlParser.parse(sql, Dialect.BIGQUERY).statements().getFirst();
        assertThat(st.fullTree()).isTrue();
        assertThat(st.query().relations()).extracting(Relation::kind, Relation::name)
                .containsExactly(tuple(Relation.Kind.SOURCE, "raw.events"), tuple(Relation.Kind.REF, "orders"));
        assertThat(st.query().joins()).singleElement().satisfies(j -> assertThat(j.line()).isEqualTo(2));
        // a name that merely contains a placeholder-like part is left alone
        assertThat(Normalizer.normalize("select fromage__ref__x from t", Dialect.BIGQUERY).text()).contains("fromage__ref__x");
    }

    @Test
    void aDoubleQuotedNameWithDotsStaysOneName() {
        String sql = "select \"usage.manage.project_imports.total\" as imports, \"a.b\" from pings";
        SqlStatement st = SqlParser.parse(sql, Dialect.SNOWFLAKE).statements().getFirst();
        assertThat(st.fullTree()).isTrue();
        assertThat(st.query().items()).extracting(i -> i.columns().getFirst())
                .containsExactly(new dev.lastmile.dbt.model.ColumnRef("", "usage_manage_project_imports_total"),
                        new dev.lastmile.dbt.model.ColumnRef("", "a_b"));
        // BigQuery's `project.dataset.table` is a path, and stays one
        assertThat(Normalizer.normalize("select a from `p.d.t`", Dialect.BIGQUERY).text()).contains("`p.d.t`");
    }

    @Test
    void aPatternMatchComparedWithABooleanIsTheMatchOrItsNegation() {
        String sql = "select r from labs\nwhere r similar to '^[0-9]+$' = false\n  and n like 'a%' = true and m not ilike 'b%' = false";
        SqlParser.Parsed parsed = SqlParser.parse(sql, Dialect.POSTGRES);
        assertThat(parsed.statements()).singleElement().matches(SqlStatement::fullTree, "parsed to a full tree");
        String out = Normalizer.normalize(sql, Dialect.POSTGRES).text();
        assertThat(out).contains("r not similar to '^[0-9]+$'", "n like 'a%'").containsPattern("m +ilike 'b%'")
                .doesNotContain("= false", "= true", "not ilike");
        assertThat(out.split("\n", -1)).hasSameSizeAs(sql.split("\n", -1));
    }

    @Test
    void aStatementThatFailsFailsAloneAndNamesTheConstruct() {
        // scripting and function definitions are read (Scripting); a statement JSqlParser rejects fails alone
        String script = "declare x int64 default 1;\nselect a from t;\ncreate temp function f(x int64) returns int64 as (x + 1);\n"
                + "select a from t where a +* 1";
        // a generous limit: this is about splitting, and a cold JVM's first parse on a loaded machine can take seconds
        SqlParser.Parsed p = SqlParser.parse(script, Dialect.BIGQUERY, 60_000);
        assertThat(p.statements()).hasSize(4);
        assertThat(p.statements().get(0).fullTree()).isTrue();
        assertThat(p.statements().get(1).fullTree()).isTrue();
        assertThat(p.statements().get(1).startLine()).isEqualTo(2);
        assertThat(p.statements().get(2).fullTree()).isTrue();
        assertThat(p.statements().get(2).target()).isEqualTo("f");
        assertThat(p.statements().get(3).fullTree()).isFalse();
        assertThat(p.statements().get(3).problem()).isNotBlank();
    }

    @Property(tries = 300)
    void normaliserKeepsEveryLineBreak(@ForAll @StringLength(max = 300) String any) {
        for (Dialect d : List.of(Dialect.BIGQUERY, Dialect.SNOWFLAKE, Dialect.DATABRICKS)) {
            String out = Normalizer.normalize(any, d).text();
            assertThat(count(out, '\n')).isEqualTo(count(any, '\n'));
        }
    }

    @Property(tries = 200)
    void parserNeverThrowsOnArbitraryText(@ForAll @StringLength(max = 200) String any) {
        SqlParser.parse(any, Dialect.BIGQUERY);
        SqlParser.parse("select " + any + " from t where " + any, Dialect.SNOWFLAKE);
    }

    @Property(tries = 200)
    void splitterNeverLosesMeaningfulText(@ForAll @StringLength(max = 200) String any) {
        List<StatementSplitter.Piece> pieces = StatementSplitter.split(any, Dialect.POSTGRES);
        for (StatementSplitter.Piece p : pieces) {
            assertThat(any).contains(p.text());
            assertThat(p.startLine()).isBetween(1, count(any, '\n') + 1);
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    @Test
    void onlyAPlaceholderEndingAWithStatementBecomesItsQuery() {
        assertThat(normalized("with a as (select 1)\n__lm_x(a, b);\n", Dialect.POSTGRES))
                .isEqualTo("with a as (select 1)\n select * from __lm_x(a, b);\n ");
        assertThat(normalized("with a as (select 1), b as (select 2) __lm_y", Dialect.POSTGRES))
                .endsWith("b as (select 2) select * from __lm_y");
        // an alias, a column, a statement without CTEs: left alone
        for (String sql : List.of("with a as (select 1) select * from (select 2) __lm_alias",
                "with a as (select 1) select x from a where y = (select 1) __lm_x",
                "select * from (select 1) __lm_alias",
                "with a as (select 1) select __lm_col from a")) {
            assertThat(normalized(sql, Dialect.POSTGRES)).isEqualTo(sql);
        }
    }

    @Test
    void aCteLeftEmptyOrHoldingOnlyAPlaceholderBecomesASubquery() {
        assertThat(normalized("with days as ( ) select * from days", Dialect.SNOWFLAKE))
                .isEqualTo("with days as (select 1 as __lm_empty ) select * from days");
        // a flat argument list stays, read as a table function's; a nested one is dropped (same line, same columns)
        assertThat(normalized("with d as (__lm_spine(day, a)) select * from d", Dialect.SNOWFLAKE))
                .isEqualTo("with d as (select * from __lm_spine(day, a)) select * from d");
        assertThat(normalized("with d as (__lm_spine(f(day), a)) select * from d", Dialect.SNOWFLAKE))
                .isEqualTo("with d as (select * from __lm_spine" + " ".repeat("(f(day), a)".length()) + ") select * from d");
    }

    private static String normalized(String sql, Dialect dialect) {
        return Normalizer.normalize(sql, dialect).text();
    }
}
