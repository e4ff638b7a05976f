package dev.lastmile.dbt.sql;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.model.TokenQueryReader;
import dev.lastmile.dbt.model.TreeQueryBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;

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
        return parse(sql, dialect, timeLimitMs, null, null);
    }

    /**
     * The two renderings of an incremental model: without and with its {@code is_incremental()} branches.
     *
     * @param reusedParts how many CTE bodies and final queries of the incremental rendering were not parsed again
     */
    public record Twins(Parsed full, Parsed incremental, int reusedParts) {
    }

    /**
     * Both renderings of an incremental model. They differ only where {@code is_incremental()} branches, usually in
     * one CTE or the final query, so the second reuses the first's trees of every CTE body and final query whose text
     * it shares and parses only the rest; the models are the same as parsing each whole.
     */
    public static Twins parseTwins(String full, String incremental, Dialect dialect) {
        Shared shared = new Shared();
        Parsed first = parse(full, dialect, DEFAULT_TIME_LIMIT_MS, shared, null);
        Parsed second = parse(incremental, dialect, DEFAULT_TIME_LIMIT_MS, null, shared);
        return new Twins(first, second, shared.reused);
    }

    /** Trees of one rendering's CTE bodies and final queries, by their text, with the line each starts on. */
    private static final class Shared {
        final Map<String, Tree> ctes = new HashMap<>();
        final Map<String, Tree> finals = new HashMap<>();
        int reused;
    }

    private record Tree(Select tree, int line) {
    }

    private static Parsed parse(String sql, Dialect dialect, long timeLimitMs, Shared remember, Shared reuse) {
        List<SqlStatement> out = new ArrayList<>();
        List<String> rewrites = new ArrayList<>();
        for (StatementSplitter.Piece whole : StatementSplitter.split(sql, dialect)) {
            StatementSplitter.Piece piece = whole;
            Scripting.Reading script = Scripting.read(whole.tokens());
            if (script != null) {
                // a script statement: its conditions and defaults are checked, the statement it wraps parsed below
                int wholeEnd = whole.startLine() + countLines(whole.text());
                String rejected = checkScriptParts(script, dialect, timeLimitMs);
                if (rejected != null) {
                    out.add(TokenQueryReader.read(whole.text(), whole.startLine(), dialect, rejected));
                    continue;
                }
                if (script.rest().stream().allMatch(Token::isTrivia)) {
                    out.add(new SqlStatement(script.kind().equals("FUNCTION") || script.kind().equals("PROCEDURE")
                            ? SqlStatement.Kind.CREATE : SqlStatement.Kind.OTHER, null, script.target(), false, true, "",
                            whole.startLine(), wholeEnd));
                    rewrites.add("script-" + script.kind().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
                    continue;
                }
                piece = restOf(script.rest());
                rewrites.add("script-" + script.kind().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            }
            Normalizer.Result norm = Normalizer.normalize(piece.tokens(), dialect);
            rewrites.addAll(norm.rewrites());
            int endLine = piece.startLine() + countLines(piece.text());
            SqlStatement fromParts = reuse == null ? null : fromParts(CteSplit.of(piece.tokens(), norm), piece.startLine(), endLine, dialect, timeLimitMs, reuse);
            if (fromParts != null) {
                out.add(fromParts);
                continue;
            }
            try {
                Statement st = TimeLimitedParse.statement(norm.text(), timeLimitMs);
                out.add(TreeQueryBuilder.build(st, piece.startLine(), endLine, dialect));
                if (remember != null && st instanceof Select select && select.getWithItemsList() != null) {
                    remember(CteSplit.of(piece.tokens(), norm), select, remember);
                }
            } catch (Exception | StackOverflowError e) {
                out.add(TokenQueryReader.read(norm.text(), piece.startLine(), dialect, describe(e, norm.text())));
            }
        }
        return new Parsed(out, rewrites);
    }

    /** The statement a script's control words surround, as a piece of its own (its own first line). */
    private static StatementSplitter.Piece restOf(List<Token> rest) {
        int first = 0;
        while (first < rest.size() && rest.get(first).isTrivia()) {
            first++;
        }
        List<Token> tokens = rest.subList(first, rest.size());
        StringBuilder text = new StringBuilder();
        for (Token t : tokens) {
            text.append(t.text());
        }
        return new StatementSplitter.Piece(text.toString(), tokens.get(0).line(), tokens.get(0).start(), tokens);
    }

    /**
     * Parses a script statement's expressions (as {@code SELECT expr}) and embedded queries; the first rejection's
     * description, or null when all parse.
     */
    private static String checkScriptParts(Scripting.Reading script, Dialect dialect, long timeLimitMs) {
        List<String> texts = new ArrayList<>();
        script.expressions().forEach(e -> texts.add("select " + e));
        for (String q : script.queries()) {
            for (StatementSplitter.Piece p : StatementSplitter.split(q, dialect)) {
                texts.add(p.text());
            }
        }
        for (String text : texts) {
            String normalised = Normalizer.normalize(text, dialect).text();
            try {
                TimeLimitedParse.statement(normalised, timeLimitMs);
            } catch (Exception | StackOverflowError e) {
                return script.kind() + ": " + describe(e, normalised);
            }
        }
        return null;
    }

    private static void remember(CteSplit split, Select select, Shared shared) {
        List<WithItem<?>> items = select.getWithItemsList();
        if (split == null || split.ctes().size() != items.size()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            // the split and the tree must agree CTE by CTE, or no part of this statement is shared
            if (items.get(i).getSelect() == null || !items.get(i).getAliasName().equals(split.ctes().get(i).name())) {
                return;
            }
        }
        for (int i = 0; i < items.size(); i++) {
            shared.ctes.put(split.ctes().get(i).body(), new Tree(items.get(i).getSelect(), split.ctes().get(i).line()));
        }
        shared.finals.put(split.finalQuery(), new Tree(select, split.finalLine()));
    }

    /**
     * The statement from its CTE bodies and final query, each taken from the twin's trees or parsed alone; null when
     * it shares nothing with the twin or a part does not parse to a query alone (the whole statement is parsed then,
     * so a failure is reported as for any statement).
     */
    private static SqlStatement fromParts(CteSplit split, int startLine, int endLine, Dialect dialect, long timeLimitMs, Shared shared) {
        if (split == null || split.ctes().stream().noneMatch(c -> shared.ctes.containsKey(c.body()))
                && !shared.finals.containsKey(split.finalQuery())) {
            return null;
        }
        try {
            List<TreeQueryBuilder.Part> ctes = new ArrayList<>();
            for (CteSplit.Part c : split.ctes()) {
                ctes.add(part(c.name(), c.body(), c.line(), shared.ctes, timeLimitMs));
            }
            TreeQueryBuilder.Part last = part("", split.finalQuery(), split.finalLine(), shared.finals, timeLimitMs);
            if (ctes.contains(null) || last == null) {
                return null;
            }
            SqlStatement built = TreeQueryBuilder.buildFromParts(ctes, last, startLine, endLine, dialect);
            shared.reused += (int) split.ctes().stream().filter(c -> shared.ctes.containsKey(c.body())).count()
                    + (shared.finals.containsKey(split.finalQuery()) ? 1 : 0);
            return built;
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static TreeQueryBuilder.Part part(String name, String text, int line, Map<String, Tree> shared, long timeLimitMs)
            throws Exception {
        Tree known = shared.get(text);
        if (known != null) {
            return new TreeQueryBuilder.Part(name, known.tree(), line - known.line());
        }
        return TimeLimitedParse.statement(text, timeLimitMs) instanceof Select select
                ? new TreeQueryBuilder.Part(name, select, line - 1) : null;
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
