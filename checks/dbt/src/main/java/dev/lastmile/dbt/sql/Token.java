package dev.lastmile.dbt.sql;

/**
 * One lexical token of SQL text.
 *
 * @param type  what it is
 * @param text  the exact source text (a string's quotes and a comment's markers included)
 * @param start offset of the first character in the text that was lexed
 * @param line  1-based line of the first character in that text
 */
public record Token(Type type, String text, int start, int line) {

    public enum Type {
        /** an unquoted word: a keyword, a name, a function name */
        WORD,
        /** a name in backticks, double quotes (outside BigQuery) or brackets */
        QUOTED_NAME,
        /** a string literal in any quoting the dialects use */
        STRING,
        NUMBER,
        /** a {@code --}, {@code #} or {@code /* *}{@code /} comment */
        COMMENT,
        /** spaces, tabs and newlines */
        SPACE,
        /** operators and punctuation, one or two characters ({@code ::}, {@code >=}, {@code ||}, {@code =>}) */
        SYMBOL,
        /** a {@code $1}-style positional column or parameter */
        PARAMETER
    }

    public int end() {
        return start + text.length();
    }

    public boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** True for tokens that carry no meaning for the parser: spaces and comments. */
    public boolean isTrivia() {
        return type == Type.SPACE || type == Type.COMMENT;
    }

    /** A name's text without its quotes, lower-cased when it was not quoted. */
    public String name() {
        if (type == Type.QUOTED_NAME && text.length() >= 2) {
            return text.substring(1, text.length() - 1);
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }
}
