package dev.lastmile.check.sql.injection;

import dev.lastmile.check.sql.injection.PythonTokenizer.Interpolation;
import dev.lastmile.check.sql.injection.PythonTokenizer.Token;
import dev.lastmile.check.sql.injection.PythonTokenizer.Type;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds SQL built by string formatting that reaches a call executing it (SQL012), in Python models and scripts.
 *
 * <p>Statements are the tokenizer's logical lines; each gets the function it belongs to (by indentation). For every
 * call to a known sink ({@code execute}, {@code spark.sql}, {@code pd.read_sql}, a BigQuery {@code client.query}, an
 * Airflow hook's {@code get_records}, ...) the SQL argument is judged: an f-string with interpolations, a string
 * followed by {@code %} or {@code .format(}, or {@code +} with a string operand is formatting. A plain name is followed
 * to its last assignment in the same function (one step, plus {@code +=} additions in between). Interpolating a
 * literal constant, {@code int(...)}, {@code len(...)} or dbt's own {@code dbt.this}/{@code dbt.ref()} is safe;
 * parameters passed beside a literal statement are what we recommend.
 */
final class PythonSqlAnalyzer {

    /** Cheap pre-filter: a file without any sink name costs one regex scan. */
    static final Pattern TRIGGER = Pattern.compile(
            "execute|Operator\\s*\\(|\\.sql\\s*\\(|read_sql|query\\s*\\(|get_records|get_first|get_pandas_df|exec_driver_sql|\\.run\\s*\\(");

    private static final Set<String> ALWAYS_SINKS = Set.of("execute", "executemany", "executescript", "execute_string",
            "execute_async", "sql", "read_sql", "read_sql_query", "get_records", "get_first", "get_pandas_df",
            "exec_driver_sql");
    /** {@code query} and {@code run} are sinks only on receivers that look like database clients or hooks. */
    private static final Pattern QUERY_RECEIVER = Pattern.compile("(?i).*(client|bq|bigquery|conn|cur|session|engine|db|hook|snow|warehouse).*");
    private static final Pattern RUN_RECEIVER = Pattern.compile("(?i).*hook.*");
    private static final Set<String> QUERY_KEYWORDS = Set.of("sql", "query", "operation", "statement", "sql_query");
    private static final Set<String> PARAM_KEYWORDS = Set.of("params", "parameters", "args", "job_config", "binds",
            "bind_params", "param", "parameters_list");
    private static final Set<String> SAFE_CALLS = Set.of("int", "float", "len", "bool", "round", "abs", "quote_ident",
            "quote_literal", "quote_name", "Identifier", "Literal");

    private static final Pattern QUOTING = Pattern.compile("(?i).*(quote|escape|literal|identifier).*");

    private record Statement(List<Token> tokens, int scope, int indent) {
    }

    /** Where and how an SQL string was formatted; {@code names} when every formatted value is a table/column name. */
    private record Hit(int line, String how, String values, boolean names) {
        Hit(int line, String how, String values) {
            this(line, how, values, false);
        }
    }

    /** Bracket matching looks this many tokens ahead at most; longer argument lists count as unbalanced. */
    private static final int MAX_BRACKET_SCAN = 2_000;
    /** Sink calls judged per file; a file with more is reported as partly analysed (SQL019). */
    private static final int MAX_SINKS = 2_000;

    private final String path;
    private final List<Statement> statements = new ArrayList<>();
    /** Statement indices assigning each name ({@code x = ...} or {@code x += ...}), ascending. */
    private final java.util.Map<String, List<Integer>> assignments = new java.util.HashMap<>();
    /** Statement indices of {@code for name in ...:} loops, by loop variable, ascending. */
    private final java.util.Map<String, List<Integer>> loops = new java.util.HashMap<>();
    private int sinksJudged;
    private final List<Finding> findings = new ArrayList<>();
    /** The {@code def} statement of each function scope. */
    private final java.util.Map<Integer, Integer> defOfScope = new java.util.HashMap<>();
    /** The repository's own wrappers around a sink found in this file: function name to the SQL parameter's position. */
    private final java.util.Map<String, Integer> wrappers = new java.util.HashMap<>();
    /** Test code: its SQL runs against the test's own fixtures. */
    private static final Pattern TEST_CODE = Pattern.compile(
            "(?:^|.*/)(?:tests?|__tests__|testing|fixtures?)/.*|(?:^|.*/)test_[^/]*\\.py$|.*_test\\.py$|(?:^|.*/)conftest\\.py$");

    private PythonSqlAnalyzer(String path) {
        this.path = path;
    }

    static List<Finding> analyze(String path, String text) {
        if (!TRIGGER.matcher(text).find() || TEST_CODE.matcher(path).matches()) {
            return List.of();
        }
        PythonSqlAnalyzer a = new PythonSqlAnalyzer(path);
        PythonTokenizer tokenizer = PythonTokenizer.tokenize(text);
        a.split(tokenizer.tokens());
        a.findWrappers();
        a.findSinks();
        for (String problem : tokenizer.problems().stream().limit(1).toList()) {
            a.findings.add(Finding.of(UnanalysableFile.META, path, Region.line(lineOfProblem(problem)),
                    "Python " + problem + "; the injection analysis may have missed code after it."));
        }
        return a.findings;
    }

    private static int lineOfProblem(String problem) {
        var m = Pattern.compile("line (\\d+)").matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Splits tokens into logical lines and gives each the id of its enclosing def (0 for the module). */
    private void split(List<Token> tokens) {
        record Scope(int indent, int id) {
        }
        List<Scope> stack = new ArrayList<>();
        int nextScope = 1;
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() != Type.NEWLINE) {
                current.add(t);
                continue;
            }
            if (current.isEmpty()) {
                continue;
            }
            int indent = current.get(0).column();
            while (!stack.isEmpty() && indent <= stack.get(stack.size() - 1).indent()) {
                stack.remove(stack.size() - 1);
            }
            int scope = stack.isEmpty() ? 0 : stack.get(stack.size() - 1).id();
            Statement st = new Statement(List.copyOf(current), scope, indent);
            if (current.size() > 2 && current.get(0).type() == Type.NAME && (current.get(1).is("=") || current.get(1).is("+="))) {
                assignments.computeIfAbsent(current.get(0).text(), k -> new ArrayList<>()).add(statements.size());
            } else if (current.size() > 3 && current.get(0).is("for") && current.get(1).type() == Type.NAME && current.get(2).is("in")) {
                loops.computeIfAbsent(current.get(1).text(), k -> new ArrayList<>()).add(statements.size());
            }
            statements.add(st);
            boolean isDef = current.get(0).is("def") || current.get(0).is("class")
                    || (current.get(0).is("async") && current.size() > 1 && current.get(1).is("def"));
            if (isDef) {
                defOfScope.put(nextScope, statements.size() - 1);
                stack.add(new Scope(indent, nextScope++));
            }
            current = new ArrayList<>();
        }
    }

    private void findSinks() {
        for (int s = 0; s < statements.size(); s++) {
            List<Token> ts = statements.get(s).tokens();
            for (int i = 0; i + 1 < ts.size(); i++) {
                Token t = ts.get(i);
                if (t.type() == Type.NAME && t.text().endsWith("Operator") && ts.get(i + 1).is("(")) {
                    operator(ts, i, s);
                    continue;
                }
                if (t.type() != Type.NAME || !ts.get(i + 1).is("(") || !isSink(ts, i) && wrapperPosition(ts, i) == null) {
                    continue;
                }
                if (++sinksJudged > MAX_SINKS) {
                    findings.add(Finding.of(UnanalysableFile.META, path, Region.line(t.line()), "More than " + MAX_SINKS
                            + " SQL calls in one file; the injection analysis stopped here."));
                    return;
                }
                int close = matching(ts, i + 1);
                List<List<Token>> args = splitArgs(inside(ts, i + 1, close));
                List<Token> query = null;
                boolean parameterised = false;
                int positional = 0;
                Integer wrapped = wrapperPosition(ts, i);
                if (wrapped != null) {
                    int k = 0;
                    for (List<Token> arg : args) {
                        if (arg.size() >= 2 && arg.get(0).type() == Type.NAME && arg.get(1).is("=")) {
                            continue;
                        }
                        if (k++ == wrapped) {
                            query = arg;
                        }
                    }
                    Hit hit = query == null || query.isEmpty() ? null : formatting(query, s, true);
                    if (hit != null) {
                        report(hit, sinkName(ts, i) + ", which runs its argument as SQL", t.line(), false);
                    }
                    continue;
                }
                for (List<Token> arg : args) {
                    if (arg.size() >= 2 && arg.get(0).type() == Type.NAME && arg.get(1).is("=")) {
                        String kw = arg.get(0).text();
                        if (QUERY_KEYWORDS.contains(kw) && query == null) {
                            query = arg.subList(2, arg.size());
                        } else if (PARAM_KEYWORDS.contains(kw)) {
                            parameterised = true;
                        }
                    } else if (!arg.isEmpty()) {
                        if (positional == 0 && query == null) {
                            query = arg;
                        } else if (positional >= 1) {
                            parameterised = true;
                        }
                        positional++;
                    }
                }
                if (query == null || query.isEmpty()) {
                    continue;
                }
                Hit hit = formatting(query, s, true);
                if (hit != null) {
                    report(hit, sinkName(ts, i), t.line(), parameterised);
                }
            }
        }
    }

    /**
     * An Airflow SQL operator ({@code PostgresOperator}, {@code SQLExecuteQueryOperator}, {@code BigQueryInsertJobOperator}
     * ...): its {@code sql=} is formatted by Python (SQL012) or is a Jinja template Airflow renders with
     * {@code dag_run.conf}, {@code params} and XComs (judged like a SQL template, on the Python file's lines).
     */
    private void operator(List<Token> ts, int i, int stmt) {
        int close = matching(ts, i + 1);
        for (List<Token> arg : splitArgs(inside(ts, i + 1, close))) {
            if (arg.size() < 3 || arg.get(0).type() != Type.NAME || !arg.get(1).is("=")
                    || !(arg.get(0).is("sql") || arg.get(0).is("query"))) {
                continue;
            }
            List<Token> value = unwrap(arg.subList(2, arg.size()));
            List<List<Token>> statements = value.size() >= 2 && value.get(0).is("[") ? splitArgs(inside(value, 0, matching(value, 0)))
                    : List.of(value);
            for (List<Token> sql : statements) {
                Hit hit = formatting(sql, stmt, true);
                if (hit != null) {
                    report(hit, ts.get(i).text() + "(sql=...)", ts.get(i).line(), false);
                } else if (sql.size() == 1 && sql.get(0).type() == Type.STRING && !sql.get(0).isFString()
                        && (sql.get(0).text().contains("{{") || sql.get(0).text().contains("{%"))) {
                    template(sql.get(0));
                }
            }
        }
    }

    /** Judges an Airflow SQL template written inline, moving findings to the lines of the Python file. */
    private void template(Token string) {
        for (Finding f : InjectionAnalyzer.analyzeSql(path, string.text())) {
            int line = f.line() + string.line() - 1;
            findings.add(new Finding(f.ruleId(), f.category(), f.severity(), f.title(), f.message(), f.path(),
                    Region.line(line), f.remediation(), f.check(), f.status(), f.fingerprint(), f.fingerprintKey(),
                    f.properties()));
        }
    }

    private Integer wrapperPosition(List<Token> ts, int i) {
        if (wrappers.isEmpty() || i >= 1 && ts.get(i - 1).is("def")) {
            return null;
        }
        boolean method = i >= 1 && ts.get(i - 1).is(".");
        if (method && !(i >= 2 && (ts.get(i - 2).is("self") || ts.get(i - 2).is("cls")))) {
            return null;
        }
        return wrappers.get(ts.get(i).text());
    }

    /**
     * The repository's own wrappers around a sink: a function whose parameter is passed, as it is, as the SQL of a
     * sink ({@code def run(sql): cursor.execute(sql)}) runs what its callers hand it, so its calls are sinks too.
     * Found in the file being analysed (a wrapper imported from another file is not followed).
     */
    private void findWrappers() {
        for (int s = 0; s < statements.size(); s++) {
            List<Token> ts = statements.get(s).tokens();
            int scope = statements.get(s).scope();
            for (int i = 0; i + 1 < ts.size(); i++) {
                if (ts.get(i).type() != Type.NAME || !ts.get(i + 1).is("(") || !isSink(ts, i)) {
                    continue;
                }
                List<List<Token>> args = splitArgs(inside(ts, i + 1, matching(ts, i + 1)));
                List<Token> query = null;
                for (List<Token> arg : args) {
                    if (arg.size() >= 3 && arg.get(0).type() == Type.NAME && arg.get(1).is("=")
                            && QUERY_KEYWORDS.contains(arg.get(0).text())) {
                        query = arg.subList(2, arg.size());
                    }
                }
                if (query == null && !args.isEmpty() && !(args.get(0).size() >= 2 && args.get(0).get(1).is("="))) {
                    query = args.get(0);
                }
                List<Token> q = query == null ? List.of() : unwrap(query);
                if (q.size() != 1 || q.get(0).type() != Type.NAME) {
                    continue;
                }
                String name = q.get(0).text();
                Integer def = defOfScope.get(scope);
                if (def == null || assignments.getOrDefault(name, List.of()).stream()
                        .anyMatch(a -> statements.get(a).scope() == scope)) {
                    continue; // reassigned in the function: judged where it is built
                }
                List<String> params = parameters(statements.get(def).tokens());
                int k = params.indexOf(name);
                if (k >= 0) {
                    wrappers.putIfAbsent(statements.get(def).tokens().get(
                            statements.get(def).tokens().get(0).is("async") ? 2 : 1).text(), k);
                }
            }
        }
    }

    /** Positional parameter names of a {@code def}, without {@code self}/{@code cls}. */
    private static List<String> parameters(List<Token> def) {
        List<String> out = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < def.size(); i++) {
            if (def.get(i).is("(")) {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return out;
        }
        for (List<Token> p : splitArgs(inside(def, open, matching(def, open)))) {
            if (!p.isEmpty() && p.get(0).type() == Type.NAME && !p.get(0).is("self") && !p.get(0).is("cls")) {
                out.add(p.get(0).text());
            }
        }
        return out;
    }

    /**
     * A parameter of the enclosing function is safe when every call of that function in the file passes a literal
     * in its place (and there is at least one): {@code get_loan_data("standard")}, {@code get_loan_data("dynamic")}.
     */
    private final java.util.Map<String, Boolean> givenLiterals = new java.util.HashMap<>();

    private boolean parameterGivenLiterals(String name, int stmt) {
        return givenLiterals.computeIfAbsent(statements.get(stmt).scope() + ":" + name, k -> givenLiteralsUncached(name, stmt));
    }

    private boolean givenLiteralsUncached(String name, int stmt) {
        Integer def = defOfScope.get(statements.get(stmt).scope());
        if (def == null) {
            return false;
        }
        List<Token> d = statements.get(def).tokens();
        int at = d.get(0).is("async") ? 2 : 1;
        if (at >= d.size() || d.get(at).type() != Type.NAME) {
            return false;
        }
        String function = d.get(at).text();
        int k = parameters(d).indexOf(name);
        if (k < 0) {
            return false;
        }
        int calls = 0;
        for (Statement st : statements) {
            List<Token> ts = st.tokens();
            for (int i = 0; i + 1 < ts.size(); i++) {
                if (!ts.get(i).is(function) || !ts.get(i + 1).is("(") || i >= 1 && ts.get(i - 1).is("def")) {
                    continue;
                }
                List<Token> value = null;
                int positional = 0;
                for (List<Token> arg : splitArgs(inside(ts, i + 1, matching(ts, i + 1)))) {
                    if (arg.size() >= 3 && arg.get(0).type() == Type.NAME && arg.get(1).is("=")) {
                        if (arg.get(0).is(name)) {
                            value = arg.subList(2, arg.size());
                        }
                    } else if (positional++ == k) {
                        value = arg;
                    }
                }
                if (value == null || value.isEmpty() || !unwrap(value).stream().allMatch(PythonSqlAnalyzer::literalToken)) {
                    return false;
                }
                calls++;
            }
        }
        return calls > 0;
    }

    /**
     * The name was checked against an allow-list before this statement in the same function:
     * {@code if table not in ALLOWED: raise ...}, {@code assert table in {...}}, or the statement sits inside
     * {@code if table in ALLOWED:}.
     */
    private boolean allowListed(String name, int stmt) {
        int scope = statements.get(stmt).scope();
        int indent = statements.get(stmt).indent();
        Integer def = defOfScope.get(scope);
        // within the function (from its def), and never more than a few hundred statements back
        int stop = Math.max(def == null ? 0 : def, stmt - ALLOW_LIST_LOOKBACK);
        for (int s = stmt - 1; s >= stop; s--) {
            Statement st = statements.get(s);
            if (st.scope() != scope) {
                continue;
            }
            List<Token> ts = st.tokens();
            int in = -1;
            for (int i = 1; i + 1 < ts.size(); i++) {
                if (ts.get(i).is(name) && (ts.get(i + 1).is("in") || ts.get(i + 1).is("not") && i + 2 < ts.size() && ts.get(i + 2).is("in"))) {
                    in = i;
                    break;
                }
            }
            if (in < 0) {
                continue;
            }
            boolean negated = ts.get(in + 1).is("not");
            if (ts.get(0).is("assert") && !negated) {
                return true;
            }
            if (ts.get(0).is("if") && negated && s + 1 < statements.size()
                    && (statements.get(s + 1).tokens().get(0).is("raise") || statements.get(s + 1).tokens().get(0).is("return"))) {
                return true;
            }
            if (ts.get(0).is("if") && !negated && st.indent() < indent) {
                return true;
            }
        }
        return false;
    }

    private static final int ALLOW_LIST_LOOKBACK = 300;

    /** {@code x.replace("'", "''")}: the value's quotes are doubled, so it stays inside a quoted literal. */
    private static boolean escapesQuotes(List<Token> v) {
        for (int i = 0; i + 3 < v.size(); i++) {
            if (v.get(i).is(".") && v.get(i + 1).is("replace") && v.get(i + 2).is("(") && v.get(i + 3).type() == Type.STRING
                    && (v.get(i + 3).text().contains("'") || v.get(i + 3).text().contains("\""))) {
                return true;
            }
        }
        return false;
    }

    private boolean isSink(List<Token> ts, int i) {
        String name = ts.get(i).text();
        boolean method = i >= 1 && ts.get(i - 1).is(".");
        String receiver = method && i >= 2 ? ts.get(i - 2).text() : "";
        if (ALWAYS_SINKS.contains(name)) {
            // A bare sql(...) is some local helper; spark.sql, session.sql, con.sql are the sinks.
            return !name.equals("sql") || method;
        }
        if (name.equals("query")) {
            return method && QUERY_RECEIVER.matcher(receiver).matches();
        }
        if (name.equals("run")) {
            return method && RUN_RECEIVER.matcher(receiver).matches();
        }
        return false;
    }

    private static String sinkName(List<Token> ts, int i) {
        if (i >= 2 && ts.get(i - 1).is(".") && ts.get(i - 2).type() == Type.NAME) {
            return ts.get(i - 2).text() + "." + ts.get(i).text() + "()";
        }
        return ts.get(i).text() + "()";
    }

    /** Values read from the deployment's configuration: Streamlit secrets, environment variables, Airflow Variables. */
    private static final Pattern DEPLOYMENT_CONFIG = Pattern.compile(
            "\\{?(?:st\\.secrets|os\\.environ|os\\.getenv|Variable\\.get|settings\\.)");
    /** Any listed value that is not configuration (a quoted list item starting otherwise). */
    private static final Pattern OTHER_VALUE = Pattern.compile(
            "(?:^|, )`\\{?+(?!st\\.secrets|os\\.environ|os\\.getenv|Variable\\.get|settings\\.)");

    private void report(Hit hit, String sink, int sinkLine, boolean parameterised) {
        StringBuilder m = new StringBuilder("SQL built with ").append(hit.how());
        if (!hit.values().isEmpty()) {
            m.append(" of ").append(hit.values());
        }
        m.append(" is passed to ").append(sink);
        if (sinkLine != hit.line()) {
            m.append(" on line ").append(sinkLine);
        }
        if (hit.names()) {
            m.append("; they are names, which cannot be parameters: check them against an allowed list or quote them "
                    + "with the driver's identifier quoting");
        } else {
            m.append(parameterised
                    ? "; the call also passes parameters, so bind these values the same way instead of formatting them in"
                    : "; the values become SQL text: pass them as query parameters instead");
        }
        m.append('.');
        Finding f = Finding.of(FormattedSqlInPythonExecute.META, path, Region.line(hit.line()), m.toString())
                .withProperty("sink", sink);
        if (DEPLOYMENT_CONFIG.matcher(hit.values()).find() && !OTHER_VALUE.matcher(hit.values()).find()) {
            // st.secrets.app.warehouse, os.environ["SCHEMA"]: set by whoever deploys the code, not by its users
            f = f.withSeverity(dev.lastmile.core.model.Severity.MEDIUM)
                    .withMessage(f.message() + " Graded medium: every value comes from the deployment's configuration.");
        }
        findings.add(f);
    }

    /**
     * Returns how {@code expr} formats values into a string, or null when it does not (or only with safe values).
     * {@code follow} allows one step through a local variable.
     */
    private Hit formatting(List<Token> expr, int stmt, boolean follow) {
        List<Token> e = unwrap(expr);
        if (e.isEmpty()) {
            return null;
        }
        if (e.size() == 1 && e.get(0).type() == Type.NAME && follow) {
            return throughVariable(e.get(0).text(), stmt);
        }
        boolean hasString = false;
        int depth = 0;
        for (int i = 0; i < e.size(); i++) {
            Token t = e.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
            if (depth == 0 && t.type() == Type.NAME && (i == 0 || !e.get(i - 1).is(".")) && i + 1 < e.size()
                    && (e.get(i + 1).is("%") || (e.get(i + 1).is(".") && i + 2 < e.size() && e.get(i + 2).is("format")))
                    && boundToString(t.text(), stmt)) {
                t = new Token(Type.STRING, "", t.line(), t.column(), "", List.of()); // QUERY % day, QUERY.format(...)
            }
            if (depth != 0 || t.type() != Type.STRING) {
                continue;
            }
            hasString = true;
            if (t.isFString()) {
                List<String> unsafe = new ArrayList<>();
                for (Interpolation part : t.interpolations()) {
                    List<Token> valueTokens = PythonTokenizer.tokenize(part.text()).tokens().stream()
                            .filter(x -> x.type() != Type.NEWLINE).toList();
                    if (!safeValue(valueTokens, stmt)) {
                        unsafe.add("{" + part.text() + "}");
                    }
                }
                if (!unsafe.isEmpty()) {
                    return new Hit(t.line(), "an f-string", quoteList(unsafe), onlyNames(t, unsafe));
                }
            }
            if (i + 1 < e.size() && e.get(i + 1).is("%")) {
                List<Token> rhs = e.subList(i + 2, endOfOperand(e, i + 2));
                if (!safeValue(rhs, stmt)) {
                    return new Hit(e.get(i + 1).line(), "%-formatting", quoteList(List.of(text(rhs))));
                }
            }
            if (i + 3 < e.size() && e.get(i + 1).is(".") && e.get(i + 2).is("format") && e.get(i + 3).is("(")) {
                int close = matching(e, i + 3);
                List<List<Token>> args = splitArgs(inside(e, i + 3, close));
                List<String> unsafe = new ArrayList<>();
                for (List<Token> arg : args) {
                    List<Token> value = arg.size() >= 2 && arg.get(0).type() == Type.NAME && arg.get(1).is("=")
                            ? arg.subList(2, arg.size()) : arg;
                    if (!safeValue(value, stmt)) {
                        unsafe.add(text(arg));
                    }
                }
                if (!unsafe.isEmpty()) {
                    return new Hit(e.get(i + 2).line(), ".format()", quoteList(unsafe));
                }
            }
        }
        if (hasString) {
            // String concatenation with + (or +=): every operand that is not a literal or a safe value is spliced in.
            List<String> unsafe = new ArrayList<>();
            int line = -1;
            for (List<Token> operand : splitTopLevel(e, "+")) {
                if (operand.size() == e.size()) {
                    break; // no + at all
                }
                if (!operand.isEmpty() && !safeValue(operand, stmt)) {
                    unsafe.add(text(operand));
                    line = line < 0 ? operand.get(0).line() : line;
                }
            }
            if (!unsafe.isEmpty()) {
                return new Hit(line, "string concatenation", quoteList(unsafe));
            }
        }
        return null;
    }

    /** True when every unsafe interpolation of the f-string sits where SQL expects a name (a table, a user). */
    private static boolean onlyNames(Token fString, List<String> unsafe) {
        List<SqlContext.Part> parts = new ArrayList<>();
        List<Boolean> isUnsafe = new ArrayList<>();
        String body = fString.text();
        int i = 0;
        StringBuilder lit = new StringBuilder();
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '{') {
                int end = body.indexOf('}', i);
                if (end < 0) {
                    break;
                }
                parts.add(new SqlContext.Lit(lit.toString()));
                lit.setLength(0);
                parts.add(new SqlContext.Val(Taint.SAFE));
                isUnsafe.add(unsafe.contains("{" + body.substring(i + 1, end).strip() + "}"));
                i = end + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        parts.add(new SqlContext.Lit(lit.toString()));
        List<SqlContext.Position> positions = SqlContext.classify(parts);
        boolean any = false;
        for (int k = 0; k < positions.size() && k < isUnsafe.size(); k++) {
            if (isUnsafe.get(k)) {
                if (positions.get(k) != SqlContext.Position.NAME) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Follows a name to its last assignment before {@code stmt} in the same function, and any {@code +=} since. */
    private Hit throughVariable(String name, int stmt) {
        int scope = statements.get(stmt).scope();
        List<Integer> candidates = assignments.getOrDefault(name, List.of());
        for (int c = lastBefore(candidates, stmt); c >= 0; c--) {
            int s = candidates.get(c);
            Statement st = statements.get(s);
            if (st.scope() != scope) {
                continue;
            }
            boolean augmented = st.tokens().get(1).is("+=");
            Hit hit = formatting(st.tokens().subList(2, st.tokens().size()), s, false);
            if (hit == null) {
                hit = augmentations(name, s + 1, stmt, scope);
            }
            if (hit != null) {
                return hit;
            }
            if (!augmented) {
                return null;
            }
        }
        return null;
    }

    private Hit augmentations(String name, int from, int to, int scope) {
        for (int s : assignments.getOrDefault(name, List.of())) {
            if (s < from || s >= to) {
                continue;
            }
            Statement st = statements.get(s);
            if (st.scope() == scope && st.tokens().size() > 2 && st.tokens().get(0).is(name) && st.tokens().get(1).is("+=")) {
                List<Token> rhs = st.tokens().subList(2, st.tokens().size());
                Hit hit = formatting(rhs, s, false);
                if (hit == null && !safeValue(rhs, s)) {
                    hit = new Hit(rhs.get(0).line(), "string concatenation (+=)", quoteList(List.of(text(rhs))));
                }
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /**
     * A value that cannot change the statement: literals, numbers, numeric casts, dbt's own relations, and names
     * bound to a literal in the same function or at module level.
     */
    private boolean safeValue(List<Token> value, int stmt) {
        List<Token> v = unwrap(value);
        if (v.isEmpty()) {
            return true;
        }
        if (v.size() == 1) {
            Token t = v.get(0);
            return switch (t.type()) {
                case NUMBER -> true;
                case STRING -> !t.isFString() || t.interpolations().isEmpty();
                case NAME -> t.text().equals("None") || t.text().equals("True") || t.text().equals("False")
                        || boundToLiteral(t.text(), stmt) || boundToEscaped(t.text(), stmt)
                        || parameterGivenLiterals(t.text(), stmt) || allowListed(t.text(), stmt);
                default -> false;
            };
        }
        if (v.get(0).type() == Type.NAME && v.size() >= 3 && v.get(1).is("(") && matching(v, 1) == v.size() - 1
                && SAFE_CALLS.contains(v.get(0).text())) {
            return true;
        }
        if (v.size() >= 3 && v.get(v.size() - 1).is(")") && isQuotingCall(v)) {
            return true;
        }
        if (v.size() >= 3 && v.get(v.size() - 1).is(")") && escapesQuotes(v)) {
            return true;
        }
        if (v.get(0).is("dbt") && v.size() >= 3 && v.get(1).is(".")
                && (v.get(2).is("this") || v.get(2).is("ref") || v.get(2).is("source"))) {
            return true;
        }
        if (v.get(0).is("(") && matching(v, 0) == v.size() - 1) {
            // A tuple: safe when every element is.
            for (List<Token> element : splitArgs(inside(v, 0, v.size() - 1))) {
                if (!safeValue(element, stmt)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code self.quote(x)}, {@code conn.escape_string(x)}, {@code quote_identifier(x)}: the driver quotes it. */
    private static boolean isQuotingCall(List<Token> v) {
        for (int i = 0; i + 1 < v.size(); i++) {
            if (v.get(i).type() == Type.NAME && v.get(i + 1).is("(")) {
                return matching(v, i + 1) == v.size() - 1 && QUOTING.matcher(v.get(i).text()).matches();
            }
        }
        return false;
    }

    /** Tokens of a literal constant, tuple or list: numbers, plain strings, brackets, commas, a minus sign. */
    private static boolean literalToken(Token t) {
        return t.type() == Type.NUMBER || (t.type() == Type.STRING && t.interpolations().isEmpty())
                || t.is("(") || t.is(")") || t.is("[") || t.is("]") || t.is(",") || t.is("-");
    }

    /** A name whose last assignment (here or at module level) is a plain string literal: a statement template. */
    private boolean boundToString(String name, int stmt) {
        int scope = statements.get(stmt).scope();
        List<Integer> candidates = assignments.getOrDefault(name, List.of());
        for (int c = lastBefore(candidates, stmt); c >= 0; c--) {
            Statement st = statements.get(candidates.get(c));
            if ((st.scope() == scope || st.scope() == 0) && st.tokens().get(1).is("=")) {
                List<Token> rhs = unwrap(st.tokens().subList(2, st.tokens().size()));
                return !rhs.isEmpty() && rhs.stream().allMatch(x -> x.type() == Type.STRING && !x.isFString());
            }
        }
        return false;
    }

    private boolean boundToLiteral(String name, int stmt) {
        return boundToLiteral(name, stmt, 0);
    }

    /** A name last assigned an escaped value: {@code escaped = location.replace("'", "''")}, a quoted identifier. */
    private boolean boundToEscaped(String name, int stmt) {
        int scope = statements.get(stmt).scope();
        List<Integer> candidates = assignments.getOrDefault(name, List.of());
        int c = lastBefore(candidates, stmt);
        if (c < 0) {
            return false;
        }
        Statement st = statements.get(candidates.get(c));
        return st.scope() == scope && st.tokens().get(1).is("=") && escapesQuotes(st.tokens().subList(2, st.tokens().size()));
    }

    private boolean boundToLiteral(String name, int stmt, int depth) {
        int scope = statements.get(stmt).scope();
        // for table in ["orders", "payments"]:  /  for table in TABLES:  (TABLES a literal list)
        List<Integer> loopCandidates = loops.getOrDefault(name, List.of());
        int loop = lastBefore(loopCandidates, stmt + 1);
        if (loop >= 0) {
            Statement st = statements.get(loopCandidates.get(loop));
            if (st.scope() == scope && st.indent() < statements.get(stmt).indent()) {
                List<Token> ts = st.tokens();
                int colon = ts.size();
                int d = 0;
                for (int i = 3; i < ts.size(); i++) {
                    Token t = ts.get(i);
                    if (t.is("(") || t.is("[") || t.is("{")) {
                        d++;
                    } else if (t.is(")") || t.is("]") || t.is("}")) {
                        d--;
                    } else if (d == 0 && t.is(":")) {
                        colon = i;
                        break;
                    }
                }
                List<Token> iterable = ts.subList(3, colon);
                if (iterable.size() == 1 && iterable.get(0).type() == Type.NAME) {
                    return depth < 2 && boundToLiteral(iterable.get(0).text(), loopCandidates.get(loop), depth + 1);
                }
                return !iterable.isEmpty() && iterable.stream().allMatch(PythonSqlAnalyzer::literalToken);
            }
        }
        List<Integer> candidates = assignments.getOrDefault(name, List.of());
        for (int c = lastBefore(candidates, stmt); c >= 0; c--) {
            Statement st = statements.get(candidates.get(c));
            if ((st.scope() == scope || st.scope() == 0) && st.tokens().get(1).is("=")) {
                List<Token> rhs = st.tokens().subList(2, st.tokens().size());
                return rhs.stream().allMatch(PythonSqlAnalyzer::literalToken);
            }
        }
        return false;
    }

    /** Index in {@code ascending} of the last element below {@code limit}, or -1. */
    private static int lastBefore(List<Integer> ascending, int limit) {
        int lo = 0;
        int hi = ascending.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending.get(mid) < limit) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static List<Token> unwrap(List<Token> e) {
        List<Token> v = e;
        int rounds = 0;
        while (rounds++ < 20 && v.size() >= 2 && v.get(0).is("(") && matching(v, 0) == v.size() - 1 && !hasTopLevelComma(inside(v, 0, v.size() - 1))) {
            v = inside(v, 0, v.size() - 1);
        }
        // text("...") / sqlalchemy.text("...") only wraps the statement.
        int n = v.size();
        if (n >= 3 && v.get(n - 1).is(")")) {
            int nameAt = -1;
            if (v.get(0).is("text") && v.get(1).is("(")) {
                nameAt = 0;
            } else if (n >= 5 && v.get(1).is(".") && v.get(2).is("text") && v.get(3).is("(")) {
                nameAt = 2;
            }
            if (nameAt >= 0 && matching(v, nameAt + 1) == n - 1) {
                List<List<Token>> args = splitArgs(inside(v, nameAt + 1, n - 1));
                return args.isEmpty() ? List.of() : args.get(0);
            }
        }
        return v;
    }

    /** The tokens strictly between the bracket at {@code open} and {@code close} (empty when unbalanced). */
    private static List<Token> inside(List<Token> ts, int open, int close) {
        return close > open + 1 ? ts.subList(open + 1, close) : List.of();
    }

    private static boolean hasTopLevelComma(List<Token> v) {
        return splitArgs(v).size() > 1;
    }

    /** Index of the bracket closing the one at {@code open}, or the last index when unbalanced. */
    private static int matching(List<Token> ts, int open) {
        int depth = 0;
        int stop = Math.min(ts.size(), open + MAX_BRACKET_SCAN);
        for (int i = open; i < stop; i++) {
            Token t = ts.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return Math.max(open, stop - 1);
    }

    /** The end (exclusive) of the operand starting at {@code from}: a bracketed group, or a dotted name/call chain. */
    private static int endOfOperand(List<Token> ts, int from) {
        int i = from;
        while (i < ts.size()) {
            Token t = ts.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                i = matching(ts, i) + 1;
            } else if (t.type() == Type.NAME || t.type() == Type.NUMBER || t.type() == Type.STRING || t.is(".")) {
                i++;
            } else {
                break;
            }
        }
        return Math.min(Math.max(i, from), ts.size());
    }

    private static List<List<Token>> splitArgs(List<Token> ts) {
        return splitTopLevel(ts, ",").stream().filter(a -> !a.isEmpty()).toList();
    }

    private static List<List<Token>> splitTopLevel(List<Token> ts, String separator) {
        List<List<Token>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < ts.size(); i++) {
            Token t = ts.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && t.type() == Type.OP && t.text().equals(separator)) {
                out.add(ts.subList(start, i));
                start = i + 1;
            }
        }
        out.add(ts.subList(start, ts.size()));
        return out;
    }

    private static String text(List<Token> ts) {
        StringBuilder b = new StringBuilder();
        for (Token t : ts) {
            if (b.length() > 60) {
                b.append("…");
                break;
            }
            if (t.type() == Type.STRING) {
                b.append(t.prefix()).append('"').append(t.text().length() > 20 ? t.text().substring(0, 20) + "…" : t.text()).append('"');
            } else {
                if (t.type() == Type.NAME && !b.isEmpty() && Character.isJavaIdentifierPart(b.charAt(b.length() - 1))) {
                    b.append(' ');
                }
                b.append(t.text());
            }
        }
        return b.toString();
    }

    private static String quoteList(List<String> values) {
        return String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
    }
}
