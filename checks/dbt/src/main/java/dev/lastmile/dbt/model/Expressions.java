package dev.lastmile.dbt.model;

import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.sql.SqlLexer;
import dev.lastmile.dbt.sql.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token-level reading of one expression: which columns it reads and whether their values reach the output as they
 * are, hashed, or only through an aggregate. Used by both model builders, so a rule sees the same answer whether
 * JSqlParser parsed the statement or the fallback recovered it.
 */
public final class Expressions {

    /** Functions whose result no longer reveals the value (one-way hashes, masks). */
    public static final Set<String> HASHING = Set.of(
            "md5", "sha", "sha1", "sha2", "sha256", "sha512", "sha1_hex", "sha2_hex", "md5_hex", "hash", "farm_fingerprint",
            "to_hex_md5", "md5_binary", "sha2_binary", "hash_agg", "xxhash64", "crc32", "hashbytes", "fnv_hash",
            "mask", "redact", "anonymize", "mask_email", "mask_phone");

    /** Aggregates whose result does not carry a row's value. ({@code min}, {@code max}, {@code any_value} do.) */
    public static final Set<String> AGGREGATES = Set.of(
            "count", "count_if", "countif", "sum", "avg", "average", "approx_count_distinct", "approx_distinct",
            "hll", "hll_count", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
            "approx_percentile", "percentile_cont", "percentile_disc", "median", "corr", "covar_pop", "covar_samp",
            "bool_and", "bool_or", "logical_and", "logical_or", "bit_and", "bit_or", "kurtosis", "skew",
            "length", "len", "char_length", "octet_length");

    /**
     * Functions that keep a value recognisable: casts, case and null handling, text clean-up, concatenation, and the
     * aggregates and window functions that return one of the rows' values. Anything else computes something new
     * (a part of the value, like {@code split_part(email, '@', 2)} or the last digits of an id, is derived too).
     */
    public static final Set<String> PRESERVING = Set.of(
            "", "cast", "try_cast", "safe_cast", "convert", "to_varchar", "to_char", "to_string", "string", "tostring",
            "lower", "upper", "lcase", "ucase", "initcap", "trim", "ltrim", "rtrim", "btrim", "coalesce", "ifnull",
            "nvl", "nvl2", "nullif", "isnull", "iff", "if", "case", "decode", "greatest", "least", "concat", "concat_ws",
            "any_value",
            "min", "max", "first_value", "last_value", "nth_value", "lag", "lead", "array_agg", "listagg", "string_agg",
            "group_concat", "collect_list", "collect_set", "array_construct", "to_json", "object_construct", "struct",
            "named_struct", "parse_json", "to_variant", "json_extract_scalar", "json_value", "get", "get_path",
            "normalize", "unaccent", "format", "printf", "to_date", "to_timestamp", "date", "timestamp", "datetime",
            "parse_date", "parse_timestamp", "try_to_date", "try_to_timestamp", "unnest", "flatten", "explode");

    /** Words that are never column names in an expression. */
    static final Set<String> KEYWORDS = Set.of(
            "select", "from", "where", "and", "or", "not", "null", "true", "false", "is", "in", "as", "case", "when",
            "then", "else", "end", "like", "ilike", "rlike", "between", "distinct", "over", "partition", "by",
            "order", "asc", "desc", "nulls", "first", "last", "rows", "range", "unbounded", "preceding", "following",
            "current", "row", "interval", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
            "hours", "minute", "minutes", "second", "seconds", "quarter", "dayofweek", "isoweek", "date", "time",
            "timestamp", "datetime", "current_date", "current_timestamp", "current_time", "sysdate", "getdate",
            "localtimestamp", "int", "integer", "bigint", "smallint", "int64", "float", "float64", "double",
            "numeric", "decimal", "number", "string", "varchar", "char", "text", "boolean", "bool", "bytes",
            "variant", "array", "struct", "object", "json", "exists", "any", "all", "some", "escape", "within",
            "group", "filter", "ignore", "respect", "with", "at", "zone", "precision", "unknown", "cast", "using",
            "on", "join", "left", "right", "inner", "outer", "full", "cross", "limit", "having", "qualify", "union",
            "except", "intersect", "lateral", "separator", "epoch", "millisecond", "microsecond", "nanosecond",
            "dow", "doy", "hh", "mi", "ss", "dd", "mm", "yy", "yyyy", "ms", "us", "ns", "utc", "offset", "ordinal",
            "safe_offset", "safe_ordinal", "set", "values", "div", "mod", "collate", "tz", "local", "timezone");

    private Expressions() {
    }

    /** What {@link #analyze} found. */
    public record Analysis(List<ColumnRef> columns, Derivation derivation, List<String> functions) {
    }

    /**
     * An expression's text for comparing two spellings of it: lower-cased, identifier quotes dropped, whitespace
     * collapsed and removed around punctuation ({@code DATE_TRUNC( 'day', "Created_At" )} reads
     * {@code date_trunc('day',created_at)}).
     */
    public static String normalized(String expression) {
        String s = expression.replace("`", "").replace("\"", "").toLowerCase(java.util.Locale.ROOT).strip();
        s = s.replaceAll("\\s+", " ");
        return s.replaceAll(" ?([(),.]) ?", "$1");
    }

    public static Analysis analyze(String expression, Dialect dialect) {
        return analyze(meaningful(SqlLexer.lex(expression, dialect)));
    }

    /** Reads an expression given as its meaningful tokens (no spaces or comments). */
    public static Analysis analyze(List<Token> t) {
        Set<ColumnRef> cols = new LinkedHashSet<>();
        List<String> functions = new ArrayList<>();
        boolean direct = false;
        boolean hashed = false;
        boolean aggregated = false;
        boolean derived = false;
        Deque<String> calls = new ArrayDeque<>();
        // CASE ... WHEN <condition> THEN <value>: a column read only in a condition does not reach the output
        Deque<Boolean> caseInCondition = new ArrayDeque<>();
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.isWord("case")) {
                caseInCondition.push(Boolean.FALSE);
                continue;
            }
            if (!caseInCondition.isEmpty() && (tok.isWord("when") || tok.isWord("then") || tok.isWord("else") || tok.isWord("end"))) {
                caseInCondition.pop();
                if (!tok.isWord("end")) {
                    caseInCondition.push(tok.isWord("when"));
                }
                continue;
            }
            if (tok.isSymbol("(")) {
                String fn = i > 0 && t.get(i - 1).type() == Token.Type.WORD ? t.get(i - 1).text().toLowerCase(Locale.ROOT) : "";
                calls.push(fn);
                continue;
            }
            if (tok.isSymbol(")")) {
                if (!calls.isEmpty()) {
                    calls.pop();
                }
                continue;
            }
            if (tok.type() != Token.Type.WORD && tok.type() != Token.Type.QUOTED_NAME) {
                continue;
            }
            Token next = i + 1 < t.size() ? t.get(i + 1) : null;
            Token prev = i > 0 ? t.get(i - 1) : null;
            if (next != null && next.isSymbol("(") && tok.type() == Token.Type.WORD) {
                functions.add(tok.text().toLowerCase(Locale.ROOT));
                continue;
            }
            if (prev != null && (prev.isSymbol(".") || prev.isSymbol("::") || prev.isWord("as") && !calls.isEmpty()
                    && "cast".equals(calls.peek()) || prev.isWord("as") && !calls.isEmpty() && calls.peek().endsWith("cast"))) {
                continue;
            }
            if (next != null && next.isSymbol("=>")) {
                continue;
            }
            if (tok.type() == Token.Type.WORD && (KEYWORDS.contains(tok.text().toLowerCase(Locale.ROOT))
                    || isPlaceholder(tok.text()) || tok.text().startsWith("@"))) {
                continue;
            }
            // a dotted name: take the whole chain a.b.c, the last part is the column
            StringBuilder name = new StringBuilder(tok.name());
            int j = i;
            while (j + 2 < t.size() && t.get(j + 1).isSymbol(".")
                    && (t.get(j + 2).type() == Token.Type.WORD || t.get(j + 2).type() == Token.Type.QUOTED_NAME)
                    && !(j + 3 < t.size() && t.get(j + 3).isSymbol("("))) {
                name.append('.').append(t.get(j + 2).name());
                j += 2;
            }
            if (j + 2 < t.size() && t.get(j + 1).isSymbol(".") && t.get(j + 2).isSymbol("*")) {
                i = j + 2;
                continue;
            }
            i = j;
            if (isPlaceholder(name.toString())) {
                continue;
            }
            cols.add(ColumnRef.parse(name.toString()));
            Token after = i + 1 < t.size() ? t.get(i + 1) : null;
            boolean nullTest = comparedAfter(t, i + 1) || isComparison(prev)
                    || !caseInCondition.isEmpty() && caseInCondition.peek();
            boolean inHash = calls.stream().anyMatch(HASHING::contains);
            boolean inAggregate = calls.stream().anyMatch(AGGREGATES::contains);
            boolean computed = calls.stream().anyMatch(f -> !PRESERVING.contains(f))
                    || isArithmetic(prev) || isArithmetic(after);
            if (inHash) {
                hashed = true;
            } else if (inAggregate || nullTest) {
                aggregated = true;
            } else if (computed) {
                derived = true;
            } else {
                direct = true;
            }
        }
        Derivation d = direct ? Derivation.DIRECT : derived ? Derivation.DERIVED : hashed ? Derivation.HASHED
                : aggregated ? Derivation.AGGREGATED : Derivation.CONSTANT;
        return new Analysis(List.copyOf(cols), d, functions);
    }

    /**
     * True when the operand that starts before {@code from} is compared ({@code email like '%x'},
     * {@code lower(email) = 'a'}, {@code email is null}): scans forward over closing parentheses of the calls around it,
     * stopping at an argument separator or a boolean connective.
     */
    private static boolean comparedAfter(List<Token> t, int from) {
        int depth = 0;
        for (int j = from; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.isSymbol("(") || x.isSymbol("[")) {
                depth++;
            } else if (x.isSymbol(")") || x.isSymbol("]")) {
                if (depth > 0) {
                    depth--;
                }
                // depth 0: the call around the operand closes; keep scanning in the outer expression
            } else if (depth == 0) {
                if (x.isSymbol(",") || x.isWord("and") || x.isWord("or") || x.isWord("then") || x.isWord("else")
                        || x.isWord("when") || x.isWord("end") || x.isWord("as") || x.isWord("over")) {
                    return false;
                }
                if (isComparison(x) || x.isWord("is") || x.isWord("in") || x.isWord("like") || x.isWord("ilike")
                        || x.isWord("rlike") || x.isWord("between") || x.isWord("not") && j + 1 < t.size()
                        && (t.get(j + 1).isWord("like") || t.get(j + 1).isWord("in") || t.get(j + 1).isWord("ilike"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isComparison(Token t) {
        return t != null && t.type() == Token.Type.SYMBOL && (t.text().equals("=") || t.text().equals("<>")
                || t.text().equals("!=") || t.text().equals("<") || t.text().equals(">") || t.text().equals("<=")
                || t.text().equals(">=") || t.text().equals("=="));
    }

    private static boolean isArithmetic(Token t) {
        return t != null && t.type() == Token.Type.SYMBOL && (t.text().equals("+") || t.text().equals("-")
                || t.text().equals("*") || t.text().equals("/") || t.text().equals("%"));
    }

    /** Names the renderer wrote in place of dbt calls: never a column. */
    static boolean isPlaceholder(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith(Placeholders.UNKNOWN) || n.startsWith(Placeholders.REF) || n.startsWith(Placeholders.SOURCE)
                || n.startsWith(Placeholders.THIS);
    }

    public static List<Token> meaningful(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (!t.isTrivia()) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when the expression is a call to an aggregate (or holds one at the top): used to spot GROUP BY-less aggregates. */
    public static boolean hasAggregate(Analysis a) {
        for (String f : a.functions()) {
            if (AGGREGATES.contains(f) || f.equals("min") || f.equals("max")) {
                return true;
            }
        }
        return false;
    }
}
