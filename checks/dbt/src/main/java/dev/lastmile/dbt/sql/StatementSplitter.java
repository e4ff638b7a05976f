package dev.lastmile.dbt.sql;

import dev.lastmile.dbt.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements on top-level semicolons, with the same lexer the normaliser uses, so a semicolon
 * inside a string, comment or quoted name never splits and one unsupported statement ({@code DECLARE},
 * {@code CREATE TEMP FUNCTION}) fails alone. Statements holding only comments and spaces are dropped.
 */
public final class StatementSplitter {

    /**
     * One statement's text, where it starts in the script (1-based line), and its tokens (the lexer's reading of
     * {@code text}, kept so the normaliser does not lex it again).
     */
    public record Piece(String text, int startLine, int startOffset, List<Token> tokens) {
    }

    private StatementSplitter() {
    }

    public static List<Piece> split(String script, Dialect dialect) {
        List<Token> tokens = SqlLexer.lex(script, dialect);
        List<Piece> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size() || tokens.get(i).isSymbol(";");
            if (!end) {
                continue;
            }
            // start at the first meaningful token so line numbers stay exact
            int first = from;
            while (first < i && tokens.get(first).isTrivia()) {
                first++;
            }
            if (first < i) {
                Token a = tokens.get(first);
                Token z = tokens.get(i - 1);
                out.add(new Piece(script.substring(a.start(), z.end()), a.line(), a.start(), tokens.subList(first, i)));
            }
            from = i + 1;
        }
        return out;
    }
}
