package dev.lastmile.dbt.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.Predicate;
import dev.lastmile.dbt.model.Query;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The two renderings of an incremental model share their parse where their text is the same. */
class IncrementalTwinsTest {

    private static final String FULL = """
            with events as (
                select user_id, event_at from raw_events
            ),

            users as (
                select user_id, email from raw_users where deleted = false
            )

            select e.user_id, u.email, e.event_at
            from events e
            join users u on u.user_id = e.user_id
            """;

    /** The incremental branch adds two lines to the first CTE: everything after it moves down two lines. */
    private static final String INCREMENTAL = """
            with events as (
                select user_id, event_at from raw_events
                where event_at > (select max(event_at) from analytics.sessions)
                  and event_at < current_timestamp
            ),

            users as (
                select user_id, email from raw_users where deleted = false
            )

            select e.user_id, u.email, e.event_at
            from events e
            join users u on u.user_id = e.user_id
            """;

    @Test
    void theIncrementalRenderingReusesWhatItSharesAndGetsTheModelOfAWholeParse() {
        SqlParser.Twins twins = SqlParser.parseTwins(FULL, INCREMENTAL, Dialect.SNOWFLAKE);
        assertThat(twins.reusedParts()).as("the users CTE and the final query").isEqualTo(2);
        assertThat(twins.full().statements()).isEqualTo(SqlParser.parse(FULL, Dialect.SNOWFLAKE).statements());
        assertThat(twins.incremental().statements()).isEqualTo(SqlParser.parse(INCREMENTAL, Dialect.SNOWFLAKE).statements());

        Query q = twins.incremental().statements().getFirst().query();
        assertThat(q.ctes()).extracting(Query.Cte::name).containsExactly("events", "users");
        // lines of shared parts follow their place in the incremental rendering, not in the full one
        assertThat(q.ctes().get(1).query().predicates()).extracting(Predicate::line).containsExactly(8);
        assertThat(q.joins()).singleElement().satisfies(j -> assertThat(j.relation().line()).isEqualTo(13));
        assertThat(q.ctes().get(0).query().predicates()).extracting(Predicate::line).containsExactly(3, 4);
    }

    @Test
    void aChangedPartThatDoesNotParseFailsAsTheWholeStatementWould() {
        String broken = INCREMENTAL.replace("and event_at < current_timestamp", "and event_at <<< ???");
        SqlParser.Twins twins = SqlParser.parseTwins(FULL, broken, Dialect.SNOWFLAKE);
        SqlStatement st = twins.incremental().statements().getFirst();
        assertThat(st.fullTree()).isFalse();
        assertThat(st).isEqualTo(SqlParser.parse(broken, Dialect.SNOWFLAKE).statements().getFirst());
        assertThat(twins.reusedParts()).isZero();
    }

    @Test
    void statementsThatAreNotPlainWithStatementsAreParsedWhole() {
        for (String sql : List.of("select a from t", "with recursive r as (select 1 as n) select n from r",
                "with r (n) as (select 1) select n from r", "with a as (select 1 as x) with b as (select 2) select 1")) {
            assertThat(split(sql, Dialect.POSTGRES)).as(sql).isNull();
        }
        SqlParser.Twins twins = SqlParser.parseTwins("select a from t", "select a from t where b > 1", Dialect.POSTGRES);
        assertThat(twins.reusedParts()).isZero();
        assertThat(twins.incremental().statements().getFirst().query().predicates()).hasSize(1);
    }

    @Test
    void theSplitKeepsEachBodyWithItsLine() {
        CteSplit split = split("with a as (select 1 as x),\n\"b c\" as (\n select 2 as y\n)\nselect * from a", Dialect.SNOWFLAKE);
        assertThat(split.ctes()).extracting(CteSplit.Part::name).containsExactly("a", "\"b c\"");
        assertThat(split.ctes()).extracting(CteSplit.Part::body).containsExactly("select 1 as x", "\n select 2 as y\n ");
        assertThat(split.ctes()).extracting(CteSplit.Part::line).containsExactly(1, 2);
        assertThat(split.finalQuery()).isEqualTo("select * from a");
        assertThat(split.finalLine()).isEqualTo(5);
    }

    private static CteSplit split(String sql, Dialect dialect) {
        java.util.List<Token> tokens = SqlLexer.lex(sql, dialect);
        return CteSplit.of(tokens, Normalizer.normalize(tokens, dialect));
    }

    /** Any incremental filter, anywhere, with any number of CTEs: the same model as parsing the rendering whole. */
    @Property(tries = 150)
    void twinsAlwaysGetTheModelsOfWholeParses(@ForAll("ctes") List<String> bodies, @ForAll @IntRange(min = 0, max = 9) int where,
                                              @ForAll @IntRange(min = 0, max = 3) int extraLines) {
        String filter = "\n".repeat(extraLines) + " where updated_at > (select max(updated_at) from this_model)";
        String full = statement(bodies, -1, "");
        String incremental = statement(bodies, where % (bodies.size() + 1), filter);
        SqlParser.Twins twins = SqlParser.parseTwins(full, incremental, Dialect.SNOWFLAKE);
        assertThat(twins.full().statements()).isEqualTo(SqlParser.parse(full, Dialect.SNOWFLAKE).statements());
        assertThat(twins.incremental().statements()).isEqualTo(SqlParser.parse(incremental, Dialect.SNOWFLAKE).statements());
        assertThat(twins.incremental().fullTree()).isTrue();
        assertThat(twins.reusedParts()).isPositive();
    }

    @Provide
    Arbitrary<List<String>> ctes() {
        Arbitrary<String> body = Arbitraries.of(
                "select id, updated_at from src_a",
                "select a.id, b.email, a.updated_at\n  from src_a a\n  left join src_b b on a.id = b.id",
                "select id, count(*) as n, max(updated_at) as updated_at from src_c group by 1",
                "select * from src_d where status = 'open'",
                "\n  select id, updated_at from src_e\n  union all\n  select id, updated_at from src_f\n");
        return body.list().ofMinSize(1).ofMaxSize(5);
    }

    /** {@code with c0 as (..), c1 as (..) select * from cN}, the filter added to part {@code where} (the last: the final query). */
    private static String statement(List<String> bodies, int where, String filter) {
        List<String> ctes = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            boolean filtered = i == where && !body.contains("union") && !body.contains("group by") && !body.contains("where");
            ctes.add("c" + i + " as (\n" + body + (filtered ? filter : "") + "\n)");
        }
        String last = "select * from c" + (bodies.size() - 1) + (where == bodies.size() ? filter : "");
        return "with " + String.join(",\n\n", ctes) + "\n" + last + "\n";
    }
}
