package dev.lastmile.dbt.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.SqlStatement;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeLimitedParseTest {

    /** About 400 kB of SQL: tens of milliseconds for JSqlParser even when warm. */
    private static final String LARGE = IntStream.range(0, 6000)
            .mapToObj(i -> "  case when a" + i + " > 1 then coalesce(b" + i + ", c) else d end as x" + i)
            .collect(Collectors.joining(",\n", "select\n", "\nfrom orders o\njoin customers c on c.id = o.customer_id"));

    @Test
    void aParsePastItsLimitIsStoppedAndTheStatementIsStillReadByTheFallback() {
        SqlStatement st = SqlParser.parse(LARGE, Dialect.POSTGRES, 1).statements().getFirst();
        assertThat(st.fullTree()).isFalse();
        assertThat(st.problem()).isEqualTo("parse time limit exceeded");
        assertThat(st.query().from().name()).isEqualTo("orders");
    }

    @Test
    void withinItsLimitTheSameStatementParsesToAFullTreeAndAStoppedParseLeavesNothingBehind() {
        SqlParser.parse(LARGE, Dialect.POSTGRES, 1);
        SqlStatement st = SqlParser.parse(LARGE, Dialect.POSTGRES, 60_000).statements().getFirst();
        assertThat(st.fullTree()).isTrue();
        assertThat(st.query().items()).hasSize(6000);
        assertThat(st.query().joins()).hasSize(1);
    }

    @Test
    void parsesRunOnTheCallingThreadWithOneSharedWatchdog() {
        for (int i = 0; i < 50; i++) {
            assertThat(SqlParser.parse("select a from t" + i, Dialect.SNOWFLAKE).fullTree()).isTrue();
        }
        long parseThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lastmile-sqlparse")).count();
        assertThat(parseThreads).isEqualTo(1);
    }

    @Test
    void anIncompleteStatementIsAProblemNotATree() {
        SqlStatement st = SqlParser.parse("select", Dialect.POSTGRES).statements().getFirst();
        assertThat(st.fullTree()).isFalse();
        assertThat(st.problem()).isNotBlank();
    }
}
