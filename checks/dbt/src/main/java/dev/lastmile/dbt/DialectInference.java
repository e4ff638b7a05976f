package dev.lastmile.dbt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialect of a repository that names none (no dbt profile, no policy {@code sql.dialect}), inferred from its
 * files, with the reason in words so the output can say what was assumed and why.
 *
 * <p>Project files speak first: a {@code .sqlfluff} {@code dialect =} line, then a dbt adapter package in
 * {@code requirements*.txt}, {@code pyproject.toml} or {@code Pipfile} ({@code dbt-bigquery}, ...). Without those,
 * the SQL itself: each {@code .sql} file (the first {@value #SAMPLE_CHARS} characters of at most
 * {@value #MAX_FILES} files) votes for the dialects whose marks it carries, and a dialect wins when it has the most
 * files, at least {@value #MIN_FILES} of them, and clearly more than the runner-up. The marks are constructs only
 * one family of warehouses accepts: BigQuery's {@code #} line comments, backtick names with dots
 * ({@code `project.dataset.table`}), {@code CREATE TEMP FUNCTION}, {@code STRUCT<}/{@code ARRAY<} types; Postgres'
 * {@code $$ ... LANGUAGE plpgsql} bodies and psql meta-commands; Snowflake's {@code $$} bodies with
 * {@code LANGUAGE JAVASCRIPT}/{@code PYTHON}, {@code LATERAL FLATTEN}, {@code ::VARIANT}; Spark's
 * {@code LATERAL VIEW} and {@code USING DELTA}; DuckDB's {@code read_parquet}/{@code read_csv_auto} and FROM-first
 * queries; Redshift's {@code DISTKEY}/{@code SORTKEY}/{@code GETDATE()}. A file with marks of two dialects votes for
 * both. No winner leaves ANSI, said so.
 */
public final class DialectInference {

    static final int MAX_FILES = 2_000;
    static final int SAMPLE_CHARS = 16_384;
    static final int MIN_FILES = 2;

    /** The inferred dialect (ANSI when nothing decided) and the reason, one sentence. */
    public record Inferred(Dialect dialect, String reason) {
    }

    /**
     * One dialect's mark. {@code hints}: lower-case text of which the sample must hold one before the pattern is
     * tried (a plain {@code contains} is far cheaper than a case-insensitive regex walk, and most files carry no
     * mark: a pull request's scan of a 1,200-model project spent a third of its time in these patterns).
     */
    private record Mark(Dialect dialect, String name, Pattern pattern, List<String> hints) {
        Mark(Dialect dialect, String name, Pattern pattern, String... hints) {
            this(dialect, name, pattern, List.of(hints));
        }

        boolean in(String sample, String lower) {
            for (String h : hints) {
                if (lower.contains(h)) {
                    return pattern.matcher(sample).find();
                }
            }
            return false;
        }
    }

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

    private static final List<Mark> MARKS = List.of(
            new Mark(Dialect.BIGQUERY, "`#` line comments", Pattern.compile("^[ \\t]*#(?![#{])", Pattern.MULTILINE), "#"),
            new Mark(Dialect.BIGQUERY, "backtick names with dots", Pattern.compile("`[A-Za-z0-9_-]+\\.[A-Za-z0-9_.*-]+`"), "`"),
            new Mark(Dialect.BIGQUERY, "CREATE TEMP FUNCTION", Pattern.compile("\\bcreate\\s+(or\\s+replace\\s+)?temp(orary)?\\s+function\\b", F), "temp"),
            new Mark(Dialect.BIGQUERY, "STRUCT< / ARRAY< types", Pattern.compile("\\b(struct|array)\\s*<", F), "struct", "array"),
            new Mark(Dialect.BIGQUERY, "SAFE_CAST / _TABLE_SUFFIX", Pattern.compile("\\b(safe_cast|_table_suffix|safe_divide)\\b", F), "safe_", "_table_suffix"),
            new Mark(Dialect.POSTGRES, "plpgsql bodies", Pattern.compile("\\blanguage\\s+'?plpgsql\\b", F), "plpgsql"),
            new Mark(Dialect.POSTGRES, "psql meta-commands", Pattern.compile("^\\\\(set|echo|connect|c|i|ir|copy|timing|pset|unset|if|endif)\\b", Pattern.MULTILINE), "\\"),
            new Mark(Dialect.POSTGRES, "jsonb / ->> operators", Pattern.compile("\\bjsonb\\b|->>", F), "jsonb", "->>"),
            new Mark(Dialect.SNOWFLAKE, "$$ bodies in JavaScript or Python", Pattern.compile("\\blanguage\\s+(javascript|python)\\b[\\s\\S]{0,400}?\\$\\$", F), "$$"),
            new Mark(Dialect.SNOWFLAKE, "LATERAL FLATTEN / ::VARIANT", Pattern.compile("\\blateral\\s+flatten\\b|::\\s*variant\\b|\\bparse_json\\s*\\(", F), "flatten", "variant", "parse_json"),
            new Mark(Dialect.DATABRICKS, "LATERAL VIEW / USING DELTA", Pattern.compile("\\blateral\\s+view\\b|\\busing\\s+delta\\b", F), "view", "delta"),
            new Mark(Dialect.DUCKDB, "read_parquet / read_csv_auto", Pattern.compile("\\bread_(parquet|csv_auto|json_auto)\\s*\\(", F), "read_"),
            new Mark(Dialect.DUCKDB, "FROM-first queries", Pattern.compile("\\A(?:\\s++|--[^\\n]*+\\n)*+from\\s+\\w+(\\s+select\\b|\\s*+;?\\s*+\\z)", Pattern.CASE_INSENSITIVE), "from"),
            new Mark(Dialect.REDSHIFT, "DISTKEY / SORTKEY / GETDATE()", Pattern.compile("\\b(distkey|sortkey|diststyle)\\b|\\bgetdate\\s*\\(\\s*\\)", F), "distkey", "sortkey", "diststyle", "getdate"));

    private static final Pattern JINJA = Pattern.compile("(?s)\\{#.*?#}|\\{\\{.*?}}|\\{%.*?%}");

    private static final Pattern SQLFLUFF_DIALECT = Pattern.compile("^[ \\t]*dialect[ \\t]*=[ \\t]*([A-Za-z_]+)", Pattern.MULTILINE);
    // [ \t], not \s: \s crosses line breaks, so every line start rescanned the rest of the file (a megabyte of blank
    // lines took minutes; found by ParserFuzzProperties)
    private static final Pattern ADAPTER_PACKAGE = Pattern.compile("\\bdbt-(bigquery|snowflake|redshift|postgres|databricks|spark|duckdb)\\b", Pattern.CASE_INSENSITIVE);

    private DialectInference() {
    }

    public static Inferred infer(ProjectFiles files) {
        List<String> all = files.files();
        for (String p : all) {
            if (p.equals(".sqlfluff") || p.endsWith("/.sqlfluff")) {
                Optional<String> text = files.read(p);
                Matcher m = text.isEmpty() ? null : SQLFLUFF_DIALECT.matcher(text.get());
                if (m != null && m.find()) {
                    Optional<Dialect> d = Dialect.fromAdapter(m.group(1)).or(() -> sqlfluffOnly(m.group(1)));
                    if (d.isPresent()) {
                        return new Inferred(d.get(), "inferred " + d.get().id() + " from " + p + " (dialect = " + m.group(1) + ")");
                    }
                }
            }
        }
        for (String p : all) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (name.startsWith("requirements") && name.endsWith(".txt") || name.equals("pyproject.toml") || name.equals("Pipfile")) {
                Optional<String> text = files.read(p);
                Matcher m = text.isEmpty() ? null : ADAPTER_PACKAGE.matcher(text.get());
                if (m != null && m.find()) {
                    Dialect d = Dialect.fromAdapter(m.group(1)).orElseThrow();
                    return new Inferred(d, "inferred " + d.id() + " from " + p + " (dbt-" + m.group(1).toLowerCase(Locale.ROOT) + ")");
                }
            }
        }
        return fromSql(files, all);
    }

    /**
     * The names of the marks {@code sample} carries, with the hints ({@code filtered}) or by the patterns alone: the
     * two agree for every text (a property test holds the hints to the patterns).
     */
    static List<String> marks(String sample, boolean filtered) {
        String lower = sample.toLowerCase(Locale.ROOT);
        return MARKS.stream().filter(m -> filtered ? m.in(sample, lower) : m.pattern().matcher(sample).find())
                .map(Mark::name).toList();
    }

    /** sqlfluff's dialect names that are not dbt adapter names. */
    private static Optional<Dialect> sqlfluffOnly(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sparksql" -> Optional.of(Dialect.DATABRICKS);
            default -> Optional.empty();
        };
    }

    private static Inferred fromSql(ProjectFiles files, List<String> all) {
        Map<Dialect, Integer> votes = new EnumMap<>(Dialect.class);
        Map<Dialect, List<String>> seen = new EnumMap<>(Dialect.class);
        int read = 0;
        for (String p : all) {
            if (!p.endsWith(".sql") || read >= MAX_FILES) {
                continue;
            }
            Optional<String> text = files.read(p);
            if (text.isEmpty()) {
                continue;
            }
            read++;
            String s = text.get().length() > SAMPLE_CHARS ? text.get().substring(0, SAMPLE_CHARS) : text.get();
            // Jinja ({{ ... }}, {# ... #}) is not SQL: its # and backticks must not vote
            if (s.indexOf('{') >= 0) {
                s = JINJA.matcher(s).replaceAll(" ");
            }
            String lower = s.toLowerCase(Locale.ROOT);
            java.util.EnumSet<Dialect> mine = java.util.EnumSet.noneOf(Dialect.class);
            for (Mark mark : MARKS) {
                if (mark.in(s, lower)) {
                    mine.add(mark.dialect());
                    List<String> names = seen.computeIfAbsent(mark.dialect(), k -> new ArrayList<>());
                    if (!names.contains(mark.name())) {
                        names.add(mark.name());
                    }
                }
            }
            mine.forEach(d -> votes.merge(d, 1, Integer::sum));
        }
        Dialect best = null;
        int bestVotes = 0;
        int second = 0;
        for (var e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                second = bestVotes;
                best = e.getKey();
                bestVotes = e.getValue();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (best == null || bestVotes < MIN_FILES || bestVotes < 2 * second) {
            return new Inferred(Dialect.ANSI, read == 0 ? "no dialect configured and no SQL to infer one from: ANSI assumed"
                    : "no dialect configured and none inferred from " + read + " .sql files"
                    + (votes.isEmpty() ? "" : " (marks of " + votes + ")") + ": ANSI assumed");
        }
        return new Inferred(best, "inferred " + best.id() + " from " + bestVotes + " of " + read + " .sql files ("
                + String.join(", ", seen.get(best)) + ")");
    }
}
