package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.sql.injection.JinjaExpr.Binary;
import dev.lastmile.check.sql.injection.JinjaExpr.Call;
import dev.lastmile.check.sql.injection.JinjaExpr.Filter;
import dev.lastmile.check.sql.injection.JinjaExpr.Name;
import dev.lastmile.check.sql.injection.JinjaExpr.Node;
import dev.lastmile.check.sql.injection.JinjaExpr.Opaque;
import dev.lastmile.check.sql.injection.JinjaExpr.Str;
import org.junit.jupiter.api.Test;

class JinjaExprTest {

    @Test
    void filtersBindTighterThanConcatenation() {
        Node n = JinjaExpr.parse("'id = ' ~ x | int", 0);

        assertThat(n).isInstanceOfSatisfying(Binary.class, b -> {
            assertThat(b.op()).isEqualTo("~");
            assertThat(b.left()).isInstanceOf(Str.class);
            assertThat(b.right()).isInstanceOfSatisfying(Filter.class, f -> assertThat(f.name()).isEqualTo("int"));
        });
    }

    @Test
    void callsKeepPositionalAndKeywordArguments() {
        Node n = JinjaExpr.parse("dbt_utils.get_column_values(table=ref('a'), column='b')", 10);

        assertThat(n).isInstanceOfSatisfying(Call.class, c -> {
            assertThat(JinjaSqlAnalyzer.dotted(c.fn())).isEqualTo("dbt_utils.get_column_values");
            assertThat(c.kwargs()).containsOnlyKeys("table", "column");
            assertThat(c.offset()).isGreaterThanOrEqualTo(10);
        });
    }

    @Test
    void offsetsAreFileOffsets() {
        Node n = JinjaExpr.parse("  account_id", 100);

        assertThat(n).isInstanceOfSatisfying(Name.class, name -> assertThat(name.offset()).isEqualTo(102));
    }

    @Test
    void notInAndConditionalExpressionsParse() {
        assertThat(JinjaExpr.parse("x not in ['a', 'b']", 0)).isInstanceOfSatisfying(Binary.class,
                b -> assertThat(b.op()).isEqualTo("not in"));
        assertThat(JinjaExpr.parse("'a' if x else 'b'", 0)).isInstanceOf(JinjaExpr.Cond.class);
    }

    @Test
    void unparsableInputFallsBackToTheNamesAndCallsInIt() {
        Node n = JinjaExpr.parse("var('x') ) ( ~~", 0);

        assertThat(n).isInstanceOfSatisfying(Opaque.class, o ->
                assertThat(o.parts()).anySatisfy(p -> assertThat(p).isInstanceOf(Call.class)));
    }
}
