package dev.lastmile.dbt.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.sql.SqlParser;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The tree builder and the token fallback must describe a statement alike: rules read either. */
class StatementModelTest {

    private static final String SQL = """
            with customers as (
                select * from __ref__stg_customers
            ),
            orders as (
                select order_id, customer_id, amount, ordered_at from __src__shop__orders
                where ordered_at >= current_date - 30
            )
            select
                c.customer_id,
                lower(c.email) as contact,
                sha2(c.phone) as phone_key,
                count(o.order_id) as orders
            from customers as c
            left join orders o
                on o.customer_id = c.customer_id
               and o.amount > 0
            where c.country = 'DE'
            group by 1, 2, 3
            """;

    @Test
    void treeAndFallbackAgreeOnStructure() {
        SqlStatement tree = SqlParser.parse(SQL, Dialect.SNOWFLAKE).statements().getFirst();
        SqlStatement fallback = TokenQueryReader.read(SQL, 1, Dialect.SNOWFLAKE, "forced");
        assertThat(tree.fullTree()).isTrue();
        assertThat(fallback.fullTree()).isFalse();
        for (SqlStatement s : List.of(tree, fallback)) {
            Query q = s.query();
            assertThat(q.ctes()).extracting(Query.Cte::name).containsExactly("customers", "orders");
            assertThat(q.cte("customers").orElseThrow().query().from().kind()).isEqualTo(Relation.Kind.REF);
            assertThat(q.cte("customers").orElseThrow().query().from().name()).isEqualTo("stg_customers");
            assertThat(q.cte("orders").orElseThrow().query().from().name()).isEqualTo("shop.orders");
            assertThat(q.relations()).extracting(Relation::alias).containsExactly("c", "o");
            assertThat(q.relations()).extracting(Relation::kind).containsOnly(Relation.Kind.CTE);
            assertThat(q.joins().getFirst().type()).isEqualTo("left");
            assertThat(q.joins().getFirst().condition()).hasSize(2);
            assertThat(q.joins().getFirst().line()).isEqualTo(14);
            assertThat(q.items()).extracting(SelectItem::outputName).containsExactly("customer_id", "contact", "phone_key", "orders");
            assertThat(q.items()).extracting(SelectItem::derivation)
                    .containsExactly(Derivation.DIRECT, Derivation.DIRECT, Derivation.HASHED, Derivation.AGGREGATED);
            assertThat(q.items()).extracting(SelectItem::line).containsExactly(9, 10, 11, 12);
            assertThat(q.predicates()).singleElement().satisfies(p -> {
                assertThat(p.left()).containsExactly(new ColumnRef("c", "country"));
                assertThat(p.line()).isEqualTo(17);
            });
            assertThat(q.groupBy()).isTrue();

            ColumnLineage.Output out = ColumnLineage.of(q);
            assertThat(out.column("contact").orElseThrow().origins()).singleElement().satisfies(o -> {
                assertThat(o.relation()).isEqualTo("stg_customers");
                assertThat(o.column()).isEqualTo("email");
                assertThat(o.derivation()).isEqualTo(Derivation.DIRECT);
                assertThat(o.line()).isEqualTo(10);
            });
            assertThat(out.column("phone_key").orElseThrow().origins().getFirst().derivation()).isEqualTo(Derivation.HASHED);
        }
    }

    @Test
    void deleteAndUpdateKnowWhetherTheyHaveWhere() {
        for (String sql : List.of("delete from a.b", "update a.b set x = 1")) {
            SqlStatement tree = SqlParser.parse(sql, Dialect.POSTGRES).statements().getFirst();
            SqlStatement fallback = TokenQueryReader.read(sql, 1, Dialect.POSTGRES, "forced");
            assertThat(tree.hasWhere()).isFalse();
            assertThat(fallback.hasWhere()).isFalse();
            assertThat(fallback.target()).isEqualTo(tree.target()).isEqualTo("a.b");
        }
        assertThat(TokenQueryReader.read("delete from t where x = 1", 1, Dialect.POSTGRES, "").hasWhere()).isTrue();
    }

    @Test
    void starExceptAndUnionBranches() {
        String sql = "select * except (email) from __ref__c union all select * from __src__crm__c2";
        for (SqlStatement s : List.of(SqlParser.parse(sql, Dialect.BIGQUERY).statements().getFirst(),
                TokenQueryReader.read(sql, 1, Dialect.BIGQUERY, ""))) {
            assertThat(s.query().items().getFirst().star()).isTrue();
            assertThat(s.query().items().getFirst().except()).containsExactly("email");
            assertThat(s.query().branches()).hasSize(1);
            ColumnLineage.Output out = ColumnLineage.of(s.query());
            assertThat(out.stars()).extracting(ColumnLineage.StarOutput::relation).containsExactly("c", "crm.c2");
        }
    }

    @Property(tries = 300)
    void fallbackNeverThrows(@ForAll @StringLength(max = 300) String any) {
        TokenQueryReader.read(any, 1, Dialect.SNOWFLAKE, "");
        TokenQueryReader.read("with x as (" + any + ") select " + any + " from x join (" + any, 1, Dialect.BIGQUERY, "");
    }
}
