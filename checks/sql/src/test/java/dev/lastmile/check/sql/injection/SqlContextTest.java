package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.sql.injection.SqlContext.Lit;
import dev.lastmile.check.sql.injection.SqlContext.Part;
import dev.lastmile.check.sql.injection.SqlContext.Position;
import dev.lastmile.check.sql.injection.SqlContext.Val;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlContextTest {

    /** {@code ?} marks the value; the rest is literal SQL. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '§', textBlock = """
            select * from t where id = ?                     § COMPARED
            select * from t where id in (1, ?)               § COMPARED
            select * from t where id in (?)                  § COMPARED
            select * from t limit ?                          § COMPARED
            select * from t where name like ?                § COMPARED
            select * from t where d > current_date - ?       § VALUE
            select coalesce(?, 0) from t                     § VALUE
            select * from t where name = '?'                 § STRING
            select * from t where name = 'it''s ?'           § STRING
            select * from t where name = 'it\\'s ?'          § STRING
            select * from "?".t                              § QUOTED_NAME
            select * from `project.?.t`                      § QUOTED_NAME
            select 1 -- where id = ?                         § COMMENT
            select 1 /* ? */                                 § COMMENT
            select 1 # ?                                     § COMMENT
            select data #>> '{a}' from t where id = ?        § COMPARED
            select data #- '{a}' from t where id = ?         § COMPARED
            select * from ?                                  § NAME
            select * from ?.orders                           § NAME
            select * from analytics.?                        § NAME
            select amount as ?_amount from t                 § NAME
            select * from a join ? on true                   § NAME
            select * from t order by ?                       § NAME
            """)
    void judgesWhereTheValueLands(String sql, Position expected) {
        assertThat(SqlContext.classify(parts(sql))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', textBlock = """
            select 'a' || ? from t where x = 'b'           § VALUE
            select '--' as dashes, ? as v                  § VALUE
            select "a""b", ? from t                        § VALUE
            """)
    void quotesAndCommentMarkersInsideLiteralsDoNotLeak(String sql, Position expected) {
        assertThat(SqlContext.classify(parts(sql))).containsExactly(expected);
    }

    private static List<Part> parts(String sql) {
        List<Part> parts = new ArrayList<>();
        String[] pieces = sql.strip().split("\\?", -1);
        for (int i = 0; i < pieces.length; i++) {
            parts.add(new Lit(pieces[i]));
            if (i < pieces.length - 1) {
                parts.add(new Val(Taint.SAFE));
            }
        }
        return parts;
    }
}
