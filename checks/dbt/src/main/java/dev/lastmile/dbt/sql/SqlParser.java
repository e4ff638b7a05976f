package dev.lastmile.dbt.sql;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.model.TokenQueryReader;
import dev.lastmile.dbt.model.TreeQueryBuilder;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses rendered SQL into the statement model: split on top-level semicolons, normalise each statement, parse it
 * with JSqlParser under a short time limit ({@link TimeLimitedParse}), and fall back to {@link TokenQueryReader} when
 * JSqlParser rejects it.
 */
public final class SqlParser {

    /** Long enough for any real statement (they parse in about a millisecond), short enough that a failure is cheap. */
    public static final long DEFAULT_TIME_LIMIT_MS = 1500;

    private SqlParser() {
    }

    /** The statements of one rendered file. */
    public record Parsed(List<SqlStatement> statements, List<String> rewrites) {

        /** True when every statement parsed to a full tree. */
        public boolean fullTree() {
            return statements.stream().allMatch(SqlStatement::fullTree);
        }

        /** The first statement JSqlParser rejected, if any. */
        public java.util.Optional<SqlStatement> firstFallback() {
            return statements.stream().filter(s -> !s.fullTree()).findFirst();
        }
    }

    public static Parsed parse(String sql, Dialect dialect) {
        return parse(sql, dialect, DEFAULT_TIME_LIMIT_MS);
    }

    public static Parsed parse(String sql, Dialect dialect, long timeLimitMs) {
        List<SqlStatement> out = new ArrayList<>();
        List<String> rewrites = new ArrayList<>();
        for (StatementSplitter.Piece piece : StatementSplitter.split(sql, dialect)) {
            Normalizer.Result norm = Normalizer.normalize(piece.tokens(), dialect);
            rewrites.addAll(norm.rewrites());
            int endLine = piece.startLine() + countLines(piece.text());
            try {
                Statement st = TimeLimitedParse.statement(norm.text(), timeLimitMs);
                out.add(TreeQueryBuilder.build(st, piece.startLine(), endLine, dialect));
            } catch (Exception | StackOverflowError e) {
                out.add(TokenQueryReader.read(norm.text(), piece.startLine(), dialect, describe(e, norm.text())));
            }
        }
        return new Parsed(out, rewrites);
    }

    private static int countLines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The first line of JSqlParser's message, which names the token it met: the construct it lacks. */
    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("at line (\\d+), column (\\d+)");

    /** JSqlParser's first message line plus the text it stopped at: {@code near "offset(0)"}. */
    static String describe(Throwable e, String statement) {
        String base = describe(e);
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        java.util.regex.Matcher m = AT.matcher(String.valueOf(c.getMessage()));
        if (m.find()) {
            String[] lines = statement.split("\\R", -1);
            int line = Integer.parseInt(m.group(1));
            int col = Integer.parseInt(m.group(2));
            if (line >= 1 && line <= lines.length) {
                String l = lines[line - 1];
                int from = Math.max(0, Math.min(l.length(), col - 1));
                String near = l.substring(from, Math.min(l.length(), from + 30)).strip();
                base = base.replaceAll("\\s*at line \\d+, column \\d+", "").replaceAll("in lexical state DEFAULT\\.?", "").strip();
                return base + " near \"" + near + "\"";
            }
        }
        return base;
    }

    static String describe(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (c instanceof java.util.concurrent.TimeoutException || m.contains("Time out")) {
            return "parse time limit exceeded";
        }
        String first = m.strip().split("\\R", 2)[0];
        first = first.replace("net.sf.jsqlparser.parser.ParseException: ", "");
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }
}
