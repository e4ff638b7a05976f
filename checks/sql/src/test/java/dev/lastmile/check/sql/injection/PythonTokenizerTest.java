package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.sql.injection.PythonTokenizer.Interpolation;
import dev.lastmile.check.sql.injection.PythonTokenizer.Token;
import dev.lastmile.check.sql.injection.PythonTokenizer.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTokenizerTest {

    @Test
    void fStringInterpolationsAreExtractedWithoutConversionOrFormatSpec() {
        Token s = strings("f\"{a} {b!r} {c:>10} {{literal}} {d['k']}\"").get(0);

        assertThat(s.isFString()).isTrue();
        assertThat(s.interpolations()).extracting(Interpolation::text).containsExactly("a", "b", "c", "d['k']");
    }

    @Test
    void prefixesAreRecognisedCaseInsensitively() {
        assertThat(strings("rb'x' Rf'{y}' u\"z\" F'{w}'")).extracting(Token::prefix).containsExactly("rb", "rf", "u", "f");
    }

    @Test
    void tripleQuotedStringsSpanLinesAndKeepTheirStartLine() {
        PythonTokenizer t = PythonTokenizer.tokenize("x = 1\nsql = \"\"\"\n  select {a}\n\"\"\"\ny = f'''\n{b}\n'''\n");
        List<Token> strings = t.tokens().stream().filter(k -> k.type() == Type.STRING).toList();

        assertThat(strings).extracting(Token::line).containsExactly(2, 5);
        assertThat(strings.get(1).interpolations()).extracting(Interpolation::line).containsExactly(6);
        assertThat(t.tokens().stream().filter(k -> k.is("y")).findFirst().orElseThrow().line()).isEqualTo(5);
    }

    @Test
    void newlinesInsideBracketsDoNotEndTheStatement() {
        PythonTokenizer t = PythonTokenizer.tokenize("cur.execute(\n    'select 1',\n    params,\n)\nx = 2\n");

        assertThat(t.tokens().stream().filter(k -> k.type() == Type.NEWLINE).count()).isEqualTo(2);
    }

    @Test
    void commentsAndEscapedQuotesAreNotCode() {
        PythonTokenizer t = PythonTokenizer.tokenize("a = 'it\\'s # not a comment'  # cur.execute(f'{x}')\n");

        assertThat(t.tokens()).extracting(Token::text).doesNotContain("execute");
        assertThat(strings("'it\\'s # not a comment'")).hasSize(1);
    }

    @Test
    void anUnterminatedStringIsNotedNotThrown() {
        PythonTokenizer t = PythonTokenizer.tokenize("x = '''never closed\n");

        assertThat(t.problems()).singleElement().asString().contains("line 1");
    }

    private static List<Token> strings(String src) {
        return PythonTokenizer.tokenize(src).tokens().stream().filter(k -> k.type() == Type.STRING).toList();
    }
}
