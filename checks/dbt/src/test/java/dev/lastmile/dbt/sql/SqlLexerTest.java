package dev.lastmile.dbt.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.dbt.Dialect;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    @Test
    void understandsEveryQuotingAndCommentStyle() {
        List<Token> t = SqlLexer.lex("select 'a;b', \"c\", `d.e`, r'x\\d', $$body;$$ -- c;\n/* x; */ # y;\n$1", Dialect.BIGQUERY);
        assertThat(t).noneMatch(x -> x.isSymbol(";"));
        assertThat(t).filteredOn(x -> x.type() == Token.Type.STRING).extracting(Token::text)
                .contains("'a;b'", "\"c\"", "r'x\\d'");
        assertThat(t).filteredOn(x -> x.type() == Token.Type.QUOTED_NAME).extracting(Token::text).containsExactly("`d.e`");
        assertThat(t).filteredOn(x -> x.type() == Token.Type.COMMENT).hasSize(3);
        assertThat(t.getLast().type()).isEqualTo(Token.Type.PARAMETER);
        assertThat(t.getLast().line()).isEqualTo(3);
    }

    @Test
    void doubleQuotesAreNamesOutsideBigQuery() {
        assertThat(SqlLexer.lex("\"Order Id\"", Dialect.SNOWFLAKE).getFirst().type()).isEqualTo(Token.Type.QUOTED_NAME);
        assertThat(SqlLexer.lex("\"Order Id\"", Dialect.BIGQUERY).getFirst().type()).isEqualTo(Token.Type.STRING);
    }

    @Test
    void tripleQuotesAreBigQueryOnly() {
        // elsewhere '''' is a string holding one quote, and what follows it is SQL again
        List<Token> t = SqlLexer.lex("select replace(a, '''', '') as b\n\n\nfrom t", Dialect.POSTGRES);
        assertThat(t).filteredOn(x -> x.type() == Token.Type.STRING).extracting(Token::text).containsExactly("''''", "''");
        assertThat(t).anyMatch(x -> x.isWord("from"));
        assertThat(SqlLexer.lex("select '''a ''b'' c''' as s", Dialect.BIGQUERY)).filteredOn(x -> x.type() == Token.Type.STRING)
                .extracting(Token::text).containsExactly("'''a ''b'' c'''");
        // the blank lines after it are no longer hidden in a string: JSqlParser would read them as a statement end
        assertThat(SqlParser.parse("with c as (select replace(a, '''', '') as x from t)\n\n\n, d as (select 1 as y) select * from d",
                Dialect.POSTGRES).fullTree()).isTrue();
    }

    @Property(tries = 500)
    void tokensCoverTheInputExactly(@ForAll String any) {
        StringBuilder b = new StringBuilder();
        for (Token t : SqlLexer.lex(any, Dialect.BIGQUERY)) {
            b.append(t.text());
        }
        assertThat(b.toString()).isEqualTo(any);
    }
}
