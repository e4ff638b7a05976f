package dev.lastmile.dbt.sql;

import dev.lastmile.dbt.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving SQL lexer for every dialect lastmile reads. It understands strings (single, double in BigQuery,
 * raw {@code r'..'}, triple-quoted, dollar-quoted), comments ({@code --}, {@code #} in BigQuery, block comments) and
 * quoted names, so the normaliser and the statement splitter never rewrite inside them. It never throws: an
 * unterminated string or comment runs to the end of the text.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    public static List<Token> lex(String sql, Dialect dialect) {
        List<Token> out = new ArrayList<>(Math.max(16, sql.length() / 4));
        int n = sql.length();
        int i = 0;
        int line = 1;
        boolean bigquery = dialect == Dialect.BIGQUERY;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Token.Type type;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                type = Token.Type.SPACE;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#' && bigquery) {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
                type = Token.Type.COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                type = Token.Type.COMMENT;
            } else if ((c == 'r' || c == 'R' || c == 'b' || c == 'B') && bigquery && i + 1 < n
                    && (sql.charAt(i + 1) == '\'' || sql.charAt(i + 1) == '"')
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                // a raw string keeps its backslashes, but a quote after one still does not end it (BigQuery: "a raw
                // string cannot end with an odd number of backslashes"), so the end is found as with escapes
                i = endOfQuoted(sql, i + 1, true, true);
                type = Token.Type.STRING;
            } else if (c == '\'') {
                i = endOfQuoted(sql, i, true, bigquery);
                type = Token.Type.STRING;
            } else if (c == '"') {
                i = bigquery ? endOfQuoted(sql, i, true, true) : endOfName(sql, i, '"');
                type = bigquery ? Token.Type.STRING : Token.Type.QUOTED_NAME;
            } else if (c == '`') {
                i = endOfName(sql, i, '`');
                type = Token.Type.QUOTED_NAME;
            } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))
                    && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                i = close < 0 ? n : close + tag.length();
                type = Token.Type.STRING;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                type = Token.Type.PARAMETER;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                        || (sql.charAt(i) == '+' || sql.charAt(i) == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E'))) {
                    i++;
                }
                type = Token.Type.NUMBER;
            } else if (isWordStart(c)) {
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                type = Token.Type.WORD;
            } else {
                i++;
                if (i < n) {
                    String two = sql.substring(start, i + 1);
                    if (TWO_CHAR.contains(two)) {
                        i++;
                    }
                }
                type = Token.Type.SYMBOL;
            }
            out.add(new Token(type, sql.substring(start, i), start, line));
            // only these can span lines (a quoted name cannot in SQL, but a broken file may hold one that runs on)
            if (type == Token.Type.SPACE || type == Token.Type.STRING || type == Token.Type.COMMENT || type == Token.Type.QUOTED_NAME) {
                for (int k = start; k < i; k++) {
                    char ch = sql.charAt(k);
                    if (ch == '\n' || ch == '\r' && (k + 1 >= i || sql.charAt(k + 1) != '\n')) {
                        line++;
                    }
                }
            }
        }
        return out;
    }

    private static final java.util.Set<String> TWO_CHAR = java.util.Set.of(
            "::", ">=", "<=", "<>", "!=", "||", "=>", "->", "==", "|>");

    static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c > 0x7f && !Character.isWhitespace(c);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c > 0x7f && !Character.isWhitespace(c);
    }

    /**
     * The end (exclusive) of a string starting with a quote at {@code i}; handles escapes, and triple quotes when
     * {@code tripleQuotes} (BigQuery only: elsewhere {@code ''''} is a string holding one quote).
     */
    private static int endOfQuoted(String s, int i, boolean backslashEscapes, boolean tripleQuotes) {
        char q = s.charAt(i);
        int n = s.length();
        if (tripleQuotes && i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q) {
            String triple = String.valueOf(q).repeat(3);
            int close = s.indexOf(triple, i + 3);
            return close < 0 ? n : close + 3;
        }
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\' && backslashEscapes && j + 1 < n) {
                j += 2;
                continue;
            }
            if (c == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private static int endOfName(String s, int i, char q) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            if (s.charAt(j) == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            if (s.charAt(j) == '\n' && q != '`') {
                // a quoted name never spans lines; treat a stray quote as a symbol-sized name
                return j;
            }
            j++;
        }
        return n;
    }

    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }
}
