package dev.lastmile.dbt.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.sql.SqlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GROUP BY keys, DISTINCT and join keys read alike by the tree builder and the token fallback. */
class GroupingAndJoinKeysTest {

    private static List<Query> both(String sql) {
        SqlStatement tree = SqlParser.parse(sql, Dialect.SNOWFLAKE).statements().getFirst();
        assertThat(tree.fullTree()).as("JSqlParser parses the case").isTrue();
        return List.of(tree.query(), TokenQueryReader.read(sql, 1, Dialect.SNOWFLAKE, "forced").query());
    }

    @Test
    void groupKeysAreTheExpressionsAsWrittenNormalised() {
        for (Query q : both("""
                select o.customer_id, date_trunc('day', o.ordered_at) as day, sum(o.amount) as total
                from __ref__orders o
                group by o.customer_id, DATE_TRUNC( 'day',  o.ordered_at )
                having sum(o.amount) > 0
                """)) {
            assertThat(q.groupBy()).isTrue();
            assertThat(q.groupKeys()).containsExactly("o.customer_id", "date_trunc('day',o.ordered_at)");
            assertThat(q.distinct()).isFalse();
        }
        for (Query q : both("select a, b, count(*) as n from __ref__t group by 1, 2 order by 3")) {
            assertThat(q.groupKeys()).containsExactly("1", "2");
        }
    }

    @Test
    void distinctIsSelectDistinctOnly() {
        for (Query q : both("select distinct customer_id, country from __ref__customers")) {
            assertThat(q.distinct()).isTrue();
            assertThat(q.groupKeys()).isEmpty();
        }
        for (Query q : both("select customer_id, count(distinct country) as n from __ref__customers group by 1")) {
            assertThat(q.distinct()).isFalse();
        }
    }

    @Test
    void joinKeysPairTheJoinedRelationsColumnsWithTheEarlierOnes() {
        for (Query q : both("""
                select o.order_id, sum(l.quantity) as quantity
                from __ref__orders o
                left join __ref__order_lines l on o.order_id = l.order_id and l.status = 'shipped'
                join __ref__customers c on c.customer_id = o.customer_id and c.region_id = o.region_id
                where c.active
                group by 1
                """)) {
            List<JoinKeys.Edge> edges = JoinKeys.of(q);
            assertThat(edges).hasSize(2);
            JoinKeys.Edge lines = edges.get(0);
            assertThat(lines.joined().name()).isEqualTo("order_lines");
            assertThat(lines.joinedColumns()).containsExactly("order_id");
            assertThat(lines.other().alias()).isEqualTo("o");
            assertThat(lines.otherColumns()).containsExactly("order_id");
            assertThat(lines.narrowing()).extracting(Predicate::text).anyMatch(t -> t.contains("status"));
            JoinKeys.Edge customers = edges.get(1);
            assertThat(customers.joinedColumns()).containsExactly("customer_id", "region_id");
            assertThat(customers.otherColumns()).containsExactly("customer_id", "region_id");
            assertThat(customers.narrowing()).extracting(Predicate::text).anyMatch(t -> t.contains("active"));
        }
    }

    @Test
    void aCastKeyIsStillTheKey() {
        for (Query q : both("""
                select d.deal_id, sum(e.calls) as calls from __ref__deals d
                left join __ref__engagements e
                    on cast(d.deal_id as bigint) = cast(e.deal_id as bigint) and d.source_relation = e.source_relation
                join __ref__owners o on o.owner_id::varchar = d.owner_id
                group by 1
                """)) {
            List<JoinKeys.Edge> edges = JoinKeys.of(q);
            assertThat(edges).hasSize(2);
            assertThat(edges.get(0).joinedColumns()).containsExactly("deal_id", "source_relation");
            assertThat(edges.get(0).narrowing()).isEmpty();
            assertThat(edges.get(1).joinedColumns()).containsExactly("owner_id");
        }
    }

    @Test
    void aConditionOnAnExpressionIsNoKey() {
        for (Query q : both("""
                select o.order_id from __ref__orders o
                join __ref__customers c on lower(c.email) = lower(o.email)
                """)) {
            assertThat(JoinKeys.of(q)).isEmpty();
        }
    }
}
