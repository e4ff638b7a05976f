package dev.lastmile.dbt.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-level CTEs and final query of a normalised {@code with} statement, as text: what the two renderings of an
 * incremental model share. Only the plain shape is split ({@code with name as (body), ... final}); anything else
 * (a column list, {@code recursive}, {@code materialized}, a final query that opens another {@code with}) is not,
 * and the statement is parsed whole.
 *
 * @param ctes       each CTE's name (as written) and body (the text inside its parentheses)
 * @param finalQuery the text after the last CTE
 * @param finalLine  1-based line of the statement on which the final query starts
 */
record CteSplit(List<Part> ctes, String finalQuery, int finalLine) {

    /** One CTE: its name, the text inside its parentheses, and the 1-based line of the statement it starts on. */
    record Part(String name, String body, int line) {
    }

    /**
     * The split of a statement from its lexer tokens and their normalisation (the structure is read from the
     * tokens, the text from the normalised statement), or null when the statement is not a plain {@code with}
     * statement or the normaliser changed a token of its structure.
     */
    static CteSplit of(List<Token> t, Normalizer.Result norm) {
        int k = Normalizer.nextMeaningful(t, 0);
        if (k < 0 || !t.get(k).isWord("with") || !norm.unchanged(k, t.get(k))) {
            return null;
        }
        int firstLine = t.get(k).line();
        String text = norm.text();
        List<Part> ctes = new ArrayList<>();
        while (true) {
            int name = Normalizer.nextMeaningful(t, k + 1);
            if (name < 0 || t.get(name).type() != Token.Type.WORD && t.get(name).type() != Token.Type.QUOTED_NAME
                    || t.get(name).isWord("recursive") || !norm.unchanged(name, t.get(name))) {
                return null;
            }
            int as = Normalizer.nextMeaningful(t, name + 1);
            int open = as < 0 ? -1 : Normalizer.nextMeaningful(t, as + 1);
            if (open < 0 || !t.get(as).isWord("as") || !t.get(open).isSymbol("(")
                    || !norm.unchanged(as, t.get(as)) || !norm.unchanged(open, t.get(open))) {
                return null;
            }
            int close = Normalizer.matching(t, open);
            if (close < 0 || !norm.unchanged(close, t.get(close))) {
                return null;
            }
            ctes.add(new Part(t.get(name).text(), text.substring(norm.starts()[open + 1], norm.starts()[close]),
                    t.get(open).line() - firstLine + 1));
            k = Normalizer.nextMeaningful(t, close + 1);
            if (k < 0) {
                return null;
            }
            if (!t.get(k).isSymbol(",")) {
                break;
            }
            if (!norm.unchanged(k, t.get(k))) {
                return null;
            }
        }
        if (t.get(k).isWord("with")) {
            return null;
        }
        return new CteSplit(ctes, text.substring(norm.starts()[k]), t.get(k).line() - firstLine + 1);
    }
}
