package dev.lastmile.check.sql.injection;

import dev.lastmile.check.sql.injection.JinjaExpr.Attr;
import dev.lastmile.check.sql.injection.JinjaExpr.Binary;
import dev.lastmile.check.sql.injection.JinjaExpr.Call;
import dev.lastmile.check.sql.injection.JinjaExpr.Cond;
import dev.lastmile.check.sql.injection.JinjaExpr.Const;
import dev.lastmile.check.sql.injection.JinjaExpr.Filter;
import dev.lastmile.check.sql.injection.JinjaExpr.Item;
import dev.lastmile.check.sql.injection.JinjaExpr.Name;
import dev.lastmile.check.sql.injection.JinjaExpr.Node;
import dev.lastmile.check.sql.injection.JinjaExpr.Opaque;
import dev.lastmile.check.sql.injection.JinjaExpr.Seq;
import dev.lastmile.check.sql.injection.JinjaExpr.Str;
import dev.lastmile.check.sql.injection.JinjaExpr.T;
import dev.lastmile.check.sql.injection.JinjaExpr.Test;
import dev.lastmile.check.sql.injection.JinjaExpr.Tok;
import dev.lastmile.check.sql.injection.JinjaExpr.Unary;
import dev.lastmile.dbt.render.JinjaTokenizer.Segment;
import dev.lastmile.check.sql.injection.SqlContext.Lit;
import dev.lastmile.check.sql.injection.SqlContext.Part;
import dev.lastmile.check.sql.injection.SqlContext.Position;
import dev.lastmile.check.sql.injection.SqlContext.Val;
import dev.lastmile.check.sql.injection.Taint.Source;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows untrusted values through a dbt SQL file's Jinja (SQL010, SQL013, SQL014).
 *
 * <p>The file is read as the template engine would: text and {@code {{ }}} output go to the current output (the
 * model, a macro's body, a {@code {% set %}} block, a {@code statement} call block); {@code {% %}} tags bind names
 * ({@code macro} parameters, {@code set}, {@code for}). Each expression is evaluated to a {@link Value}: a sequence of
 * literal SQL text and opaque values, each value carrying its {@link Taint}. Where the SQL is complete (the end of an
 * output, or an executor such as {@code run_query(sql)}), {@link SqlContext} decides where each untrusted value landed.
 *
 * <p>Macro arguments are SQL fragments by design ({@code {{ column_name }}} in dbt-utils), so they are only
 * untrusted where the macro itself executes SQL built from them; {@code var()}, {@code env_var()} and query results
 * are untrusted everywhere.
 */
final class JinjaSqlAnalyzer {

    /** A piece of SQL under construction: literal text and values. */
    record Value(List<Part> parts) {
        static final Value SAFE = of(Taint.SAFE);

        static Value of(Taint t) {
            return new Value(List.of(new Val(t)));
        }

        static Value lit(String s) {
            return new Value(List.of(new Lit(s)));
        }

        Taint collapse() {
            Taint t = Taint.SAFE;
            for (Part p : parts) {
                if (p instanceof Val v) {
                    t = Taint.join(t, v.taint());
                }
            }
            return t;
        }

        boolean isLiteral() {
            return parts.stream().allMatch(p -> p instanceof Lit);
        }

        String literalText() {
            StringBuilder b = new StringBuilder();
            for (Part p : parts) {
                if (p instanceof Lit l) {
                    b.append(l.text());
                }
            }
            return b.toString();
        }

        Value concat(Value other) {
            List<Part> out = new ArrayList<>(parts.size() + other.parts.size());
            out.addAll(parts);
            out.addAll(other.parts);
            if (out.size() > MAX_PARTS) {
                return of(new Value(out).collapse());
            }
            return new Value(out);
        }
    }

    private enum OutputKind { RENDERED, EXECUTED, SET_BLOCK, MACRO }

    private static final class Output {
        final OutputKind kind;
        final String name;
        final int offset;
        final List<Part> parts = new ArrayList<>();

        Output(OutputKind kind, String name, int offset) {
            this.kind = kind;
            this.name = name;
            this.offset = offset;
        }

        void add(Value v) {
            if (parts.size() < MAX_PARTS) {
                parts.addAll(v.parts());
            }
        }
    }

    /** Caps the pieces one output keeps, so a pathological file stays linear. */
    private static final int MAX_PARTS = 20_000;

    private final SinkWrappers wrappers;

    private static final Set<String> EXECUTORS = Set.of("run_query", "dbt.run_query", "adapter.execute",
            "dbt_utils.get_query_results_as_dict", "dbt_utils.get_single_value", "dbt.get_single_value",
            "get_query_results_as_dict", "get_single_value");
    private static final Set<String> QUERY_RESULTS = Set.of("dbt_utils.get_column_values", "get_column_values",
            "load_result");
    private static final Set<String> SAFE_CALLS = Set.of("ref", "source", "adapter.quote", "adapter.quote_as_configured",
            "adapter.quote_seed_column", "dbt.string_literal", "string_literal", "adapter.get_relation",
            "load_relation", "load_cached_relation", "api.Relation.create", "dbt_utils.slugify", "slugify",
            "is_incremental", "config.get", "config.require", "caller", "dbt.safe_cast", "adapter.get_columns_in_relation",
            "dbt_utils.star", "star", "dbt.type_string", "dbt.current_timestamp", "exceptions.raise_compiler_error",
            "log", "print", "range");
    private static final Set<String> ESCAPERS = Set.of("dbt.escape_single_quotes", "escape_single_quotes");
    private static final Set<String> SAFE_FILTERS = Set.of("int", "float", "round", "abs", "length", "count",
            "as_number", "as_bool", "sqlsafe", "wordcount", "bool", "string_literal", "filesizeformat");
    /** {@code {{ return(x) }}} hands a value to the caller; it is not SQL text of this template. */
    private static final Set<String> NOT_RENDERED = Set.of("return", "log", "print", "exceptions.raise_compiler_error",
            "exceptions.warn");
    /**
     * Macro parameters that by convention hold relations (rendered as quoted names) or SQL fragments the caller
     * writes on purpose (dbt's own {@code sql}, dbt-utils' {@code where}, a materialization's column lists): treating
     * them as untrusted would flag every adapter macro, and the caller owns their content by contract.
     */
    private static final Pattern TRUSTED_PARAM = Pattern.compile("(?i)(.*_)?(relation|relations|rel|model|this|source"
            + "|information_schema|sql|query|code|statement|statements|stmt|ddl|dml|clause|where|filter|filters"
            + "|condition|conditions|predicate|predicates|expression|expressions|expr|columns|cols|column_dict|csv"
            + "|agate_table|partition_by|partitioned_by|partitions|unique_key|config|constraints|order_by|group_by)(_.*)?");
    private static final Pattern PERCENT_PLACEHOLDER = Pattern.compile("%(\\([^)]*\\))?[-+ #0]*\\d*(\\.\\d+)?([sdifr])");
    private static final Pattern BRACE_PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    private final String path;
    private final String text;
    private final int[] lineStarts;
    private final Deque<Map<String, Value>> scopes = new ArrayDeque<>();
    private final Set<String> validatedVars = new HashSet<>();
    private final Deque<Output> outputs = new ArrayDeque<>();
    private final Map<Integer, Taint> exprTaints = new HashMap<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    /** Inside {@code if} blocks a later {@code set} may be another branch, so it must not wash out a taint. */
    private int conditionalDepth;

    /** True when the whole template is a statement dbt executes (a hook), not SQL text of a model. */
    private final boolean executedTemplate;
    private final String templateLabel;

    JinjaSqlAnalyzer(String path, String text) {
        this(path, text, false, "the model");
    }

    /** An analyzer for a template that is executed as a whole, such as a hook ({@code label} names it in messages). */
    JinjaSqlAnalyzer(String path, String text, boolean executed, String label) {
        this(path, text, executed, label, SinkWrappers.NONE);
    }

    /** An analyzer that judges calls of the repository's own sink wrappers as calls of the executor they wrap. */
    JinjaSqlAnalyzer(String path, String text, boolean executed, String label, SinkWrappers wrappers) {
        this.wrappers = wrappers;
        this.path = path;
        this.text = text;
        this.lineStarts = lineStarts(text);
        this.executedTemplate = executed;
        this.templateLabel = label;
    }

    List<Finding> findings() {
        return findings;
    }

    /** The collapsed taint of each {@code {{ }}} tag, by the tag's start offset (for the dynamic-SQL rule). */
    Map<Integer, Taint> exprTaints() {
        return exprTaints;
    }

    void run(List<Segment> segments) {
        scopes.push(new HashMap<>());
        outputs.push(new Output(executedTemplate ? OutputKind.EXECUTED : OutputKind.RENDERED, templateLabel, 0));
        for (Segment seg : segments) {
            switch (seg.kind()) {
                case TEXT -> outputs.peek().add(Value.lit(seg.content()));
                case EXPR -> {
                    Node node = JinjaExpr.parse(seg.content(), seg.contentStart());
                    Value v = eval(node);
                    exprTaints.put(seg.start(), v.collapse());
                    if (!(node instanceof Call c && NOT_RENDERED.contains(dotted(c.fn())))) {
                        outputs.peek().add(v);
                    }
                }
                case STMT -> statement(seg);
                case COMMENT -> {
                }
            }
        }
        while (!outputs.isEmpty()) {
            close(outputs.pop());
        }
    }

    // ---- statements ----

    private void statement(Segment seg) {
        List<Tok> toks = JinjaExpr.tokenize(seg.content(), seg.contentStart());
        if (toks.isEmpty() || toks.get(0).type() != T.NAME) {
            return;
        }
        String keyword = toks.get(0).text();
        int end = toks.size() - 1; // the END token
        switch (keyword) {
            case "macro", "test", "materialization", "snapshot" -> beginMacro(toks, end, seg.start());
            case "endmacro", "endtest", "endmaterialization", "endsnapshot" -> endBlock(OutputKind.MACRO);
            case "set" -> set(toks, end, seg.start());
            case "endset" -> endBlock(OutputKind.SET_BLOCK);
            case "for" -> forLoop(toks, end);
            case "if" -> {
                conditionalDepth++;
                validations(JinjaExpr.parseTokens(toks, 1, end));
            }
            case "elif" -> validations(JinjaExpr.parseTokens(toks, 1, end));
            case "endif" -> conditionalDepth = Math.max(0, conditionalDepth - 1);
            case "do" -> eval(JinjaExpr.parseTokens(toks, 1, end));
            case "call" -> beginCall(toks, end, seg.start());
            case "endcall" -> endBlock(null);
            default -> {
            }
        }
    }

    private void beginMacro(List<Tok> toks, int end, int offset) {
        Map<String, Value> scope = new HashMap<>();
        String name = toks.size() > 1 ? toks.get(1).text() : "macro";
        Node signature = JinjaExpr.parseTokens(toks, 1, end);
        List<String> params = new ArrayList<>();
        if (signature instanceof Call c) {
            for (Node a : c.args()) {
                if (a instanceof Name n) {
                    params.add(n.id());
                }
            }
            params.addAll(c.kwargs().keySet());
        }
        for (String p : params) {
            scope.put(p, TRUSTED_PARAM.matcher(p).matches() ? Value.SAFE
                    : Value.of(new Taint(Source.MACRO_ARG, "macro argument `" + p + "`", -1, false)));
        }
        scopes.push(scope);
        outputs.push(new Output(OutputKind.MACRO, "macro " + name, offset));
    }

    private void beginCall(List<Tok> toks, int end, int offset) {
        int from = 1;
        if (from < end && toks.get(from).is("(")) {
            // {% call(args) name(...) %}: skip the caller's own parameter list
            int depth = 0;
            for (; from < end; from++) {
                if (toks.get(from).is("(")) {
                    depth++;
                } else if (toks.get(from).is(")") && --depth == 0) {
                    from++;
                    break;
                }
            }
        }
        Node call = JinjaExpr.parseTokens(toks, from, end);
        String fn = call instanceof Call c ? dotted(c.fn()) : "";
        boolean statement = fn.equals("statement") || fn.endsWith(".statement");
        String label = statement && call instanceof Call c && !c.args().isEmpty() && c.args().get(0) instanceof Str s
                ? "statement('" + s.value() + "')" : "a statement call block";
        if (call instanceof Call c) {
            for (Node a : c.args()) {
                eval(a);
            }
        }
        outputs.push(new Output(statement ? OutputKind.EXECUTED : OutputKind.RENDERED, label, offset));
    }

    private void endBlock(OutputKind expected) {
        if (outputs.size() <= 1) {
            return; // an end tag without its start: dbt would fail to compile; nothing to close
        }
        Output top = outputs.peek();
        if (expected != null && top.kind != expected) {
            return;
        }
        if (expected == null && top.kind != OutputKind.EXECUTED && top.kind != OutputKind.RENDERED) {
            return;
        }
        outputs.pop();
        close(top);
        if (top.kind == OutputKind.MACRO && scopes.size() > 1) {
            scopes.pop();
        }
    }

    private void close(Output out) {
        switch (out.kind) {
            case RENDERED, MACRO -> checkRendered(out.parts);
            case EXECUTED -> checkExecuted(out.parts, out.name, out.offset);
            case SET_BLOCK -> {
                scopes.peek().put(out.name, new Value(List.copyOf(out.parts)));
                // the block's text is only SQL once used; it is judged where it is rendered or executed
            }
        }
    }

    private void set(List<Tok> toks, int end, int offset) {
        int eq = -1;
        for (int i = 1; i < end; i++) {
            if (toks.get(i).is("=")) {
                eq = i;
                break;
            }
        }
        if (eq < 0) {
            String name = end > 1 ? toks.get(1).text() : "_";
            outputs.push(new Output(OutputKind.SET_BLOCK, name, offset));
            return;
        }
        Value v = eval(JinjaExpr.parseTokens(toks, eq + 1, end));
        List<String> targets = new ArrayList<>();
        for (int i = 1; i < eq; i++) {
            if (toks.get(i).type() == T.NAME) {
                targets.add(toks.get(i).text());
            }
        }
        for (String t : targets) {
            // "ns.x = ..." on a namespace: bind the attribute's owner too, conservatively
            Value bound = targets.size() == 1 ? v : Value.of(v.collapse());
            Value before = scopes.peek().get(t);
            if (conditionalDepth > 0 && before != null && before.collapse().untrusted() && !bound.collapse().untrusted()) {
                bound = before; // {% if %}{% set x = var(..) %}{% else %}{% set x = none %}: either may hold
            }
            scopes.peek().put(t, bound);
        }
    }

    private void forLoop(List<Tok> toks, int end) {
        int in = -1;
        for (int i = 1; i < end; i++) {
            if (toks.get(i).is("in")) {
                in = i;
                break;
            }
        }
        if (in < 0) {
            return;
        }
        Value iterable = eval(JinjaExpr.parseTokens(toks, in + 1, end));
        Taint each = iterable.collapse();
        for (int i = 1; i < in; i++) {
            if (toks.get(i).type() == T.NAME) {
                scopes.peek().put(toks.get(i).text(), Value.of(each));
            }
        }
    }

    /** Names an {@code if} checks against a list, a number test or a regular expression count as validated. */
    private void validations(Node cond) {
        eval(cond);
        walk(cond, n -> {
            if (n instanceof Binary b && (b.op().equals("in") || b.op().equals("not in"))) {
                markValidated(b.left());
            } else if (n instanceof Test t && Set.of("number", "integer", "float").contains(t.name())) {
                markValidated(t.target());
            } else if (n instanceof Call c && dotted(c.fn()).startsWith("modules.re.")) {
                c.args().forEach(this::markValidated);
            }
        });
    }

    private void markValidated(Node n) {
        if (n instanceof Name name) {
            scopes.peek().put(name.id(), Value.SAFE);
        } else if (n instanceof Call c && dotted(c.fn()).equals("var") && !c.args().isEmpty() && c.args().get(0) instanceof Str s) {
            validatedVars.add(s.value());
        }
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        if (n == null) {
            return;
        }
        visit.accept(n);
        switch (n) {
            case Binary b -> {
                walk(b.left(), visit);
                walk(b.right(), visit);
            }
            case Unary u -> walk(u.operand(), visit);
            case Cond c -> {
                walk(c.then(), visit);
                walk(c.cond(), visit);
                walk(c.otherwise(), visit);
            }
            case Test t -> walk(t.target(), visit);
            case Call c -> c.args().forEach(a -> walk(a, visit));
            case Filter f -> walk(f.target(), visit);
            case Opaque o -> o.parts().forEach(p -> walk(p, visit));
            default -> {
            }
        }
    }

    // ---- expressions ----

    private Value eval(Node node) {
        if (node == null) {
            return Value.SAFE;
        }
        return switch (node) {
            case Str s -> Value.lit(s.value());
            case Const c -> Value.SAFE;
            case Name n -> lookup(n);
            case Seq s -> {
                Taint t = Taint.SAFE;
                for (Node item : s.items()) {
                    t = Taint.join(t, fold(eval(item)));
                }
                yield Value.of(t);
            }
            case Attr a -> dotted(a).equals("dag_run.conf") && !inScope("dag_run")
                    ? Value.of(new Taint(Source.RUN_CONF, "Airflow `dag_run.conf` (set by whoever triggers the DAG)", a.offset(), false))
                    : Value.of(eval(a.target()).collapse());
            case Item i -> {
                eval(i.index());
                yield Value.of(eval(i.target()).collapse());
            }
            case Call c -> call(c);
            case Filter f -> filter(f);
            case Test t -> {
                eval(t.target());
                yield Value.SAFE;
            }
            case Binary b -> binary(b);
            case Unary u -> {
                eval(u.operand());
                yield Value.SAFE;
            }
            case Cond c -> {
                eval(c.cond());
                Value then = eval(c.then());
                Value otherwise = c.otherwise() == null ? Value.SAFE : eval(c.otherwise());
                yield then.collapse().untrusted() || !otherwise.collapse().untrusted() ? then : otherwise;
            }
            case Opaque o -> {
                Taint t = Taint.SAFE;
                for (Node p : o.parts()) {
                    t = Taint.join(t, eval(p).collapse());
                }
                yield Value.of(t);
            }
        };
    }

    private Value lookup(Name n) {
        for (Map<String, Value> scope : scopes) {
            Value v = scope.get(n.id());
            if (v != null) {
                // A plain value is reported where it is used; a built statement keeps the lines it was built on.
                if (v.parts().size() == 1 && v.parts().get(0) instanceof Val val) {
                    return Value.of(val.taint().at(n.offset()));
                }
                return v;
            }
        }
        if (n.id().equals("params")) {
            // Airflow templates: params come from the DAG, but a trigger's conf overrides them by default
            return Value.of(new Taint(Source.RUN_CONF, "Airflow `params` (a trigger can override them)", n.offset(), false));
        }
        return Value.SAFE; // this, target, model, graph, unknown globals: decided by the project, not by input
    }

    private Value call(Call c) {
        String fn = dotted(c.fn());
        List<Value> args = new ArrayList<>();
        for (Node a : c.args()) {
            args.add(eval(a));
        }
        Map<String, Value> kwargs = new HashMap<>();
        c.kwargs().forEach((k, v) -> kwargs.put(k, eval(v)));
        String first = !c.args().isEmpty() && c.args().get(0) instanceof Str s ? s.value() : null;

        if (fn.equals("var")) {
            if (first != null && validatedVars.contains(first)) {
                return Value.SAFE;
            }
            return Value.of(new Taint(Source.VAR, "var('" + (first == null ? "…" : first) + "')", c.offset(), false));
        }
        if (fn.equals("env_var")) {
            return Value.of(new Taint(Source.ENV_VAR, "env_var('" + (first == null ? "…" : first) + "')", c.offset(), false));
        }
        if (EXECUTORS.contains(fn) || fn.endsWith(".run_query")) { // elementary.run_query and other package wrappers
            Value sql = !args.isEmpty() ? args.get(0)
                    : kwargs.getOrDefault("sql", kwargs.getOrDefault("sql_statement", kwargs.getOrDefault("query", Value.SAFE)));
            String shortName = fn.substring(fn.lastIndexOf('.') + 1);
            checkExecuted(sql.parts(), shortName + "()", c.offset());
            if (readsNoTable(sql)) {
                return Value.SAFE; // select to_char(current_timestamp, ...): the engine's clock, formatted by the macro
            }
            return Value.of(new Taint(Source.QUERY_RESULT, "the result of " + shortName + "() on line " + line(c.offset()),
                    c.offset(), false));
        }
        SinkWrappers.Wrapper wrapper = EXECUTORS.contains(fn) ? null : wrappers.of(fn);
        if (wrapper != null) {
            Value sql = args.size() > wrapper.index() ? args.get(wrapper.index()) : kwargs.getOrDefault(wrapper.param(), Value.SAFE);
            // the repository's own macro hands this argument to the executor whole: judged as that executor's call
            checkExecuted(sql.parts(), wrapper.macro() + "() (this repository's macro that runs its argument `"
                    + wrapper.param() + "` with " + wrapper.executor() + "())", c.offset());
            return Value.SAFE;
        }
        if (QUERY_RESULTS.contains(fn)) {
            String shortName = fn.substring(fn.lastIndexOf('.') + 1);
            return Value.of(new Taint(Source.QUERY_RESULT, "the values returned by " + shortName + "() on line "
                    + line(c.offset()), c.offset(), false));
        }
        if ((fn.equals("ti.xcom_pull") || fn.equals("task_instance.xcom_pull")) && !inScope("ti") && !inScope("task_instance")) {
            return Value.of(new Taint(Source.RUN_CONF, "an Airflow XCom value (data from another task)", c.offset(), false));
        }
        if (fn.equals("config")) {
            for (String hook : List.of("pre_hook", "post_hook")) {
                Node h = c.kwargs().get(hook);
                if (h instanceof Seq seq) {
                    seq.items().forEach(item -> checkExecuted(eval(item).parts(), hook, item.offset()));
                } else if (h != null) {
                    checkExecuted(kwargs.get(hook).parts(), hook, h.offset());
                }
            }
            return Value.SAFE;
        }
        if (fn.equals("return")) {
            return args.isEmpty() ? Value.SAFE : args.get(0);
        }
        if (ESCAPERS.contains(fn)) {
            return Value.of(args.isEmpty() ? Taint.SAFE : args.get(0).collapse().escapedCopy());
        }
        if (SAFE_CALLS.contains(fn) || fn.startsWith("modules.") || fn.startsWith("exceptions.")) {
            return Value.SAFE;
        }
        if (c.fn() instanceof Attr a && !isNamespaceCall(a)) {
            return method(c, a, args);
        }
        return Value.SAFE; // another macro (dbt.datediff, a package's macro): judged where it executes SQL
    }

    /** A query with a literal text and no FROM reads no stored data: {@code select current_date}. */
    private static boolean readsNoTable(Value sql) {
        StringBuilder text = new StringBuilder();
        for (Part p : sql.parts()) {
            if (!(p instanceof Lit l)) {
                return false;
            }
            text.append(l.text());
        }
        String t = text.toString().toLowerCase(java.util.Locale.ROOT);
        return t.contains("select") && !Pattern.compile("\\bfrom\\b").matcher(t).find();
    }

    /** agate's printing methods write to the console and return nothing that reaches SQL. */
    private static final Set<String> PRINTS = Set.of("print_table", "print_csv", "print_json", "print_bars",
            "print_structure", "print_html");

    private Value method(Call c, Attr a, List<Value> args) {
        String m = a.name();
        if (PRINTS.contains(m)) {
            return Value.SAFE;
        }
        if (m.equals("format") && a.target() instanceof Str s) {
            return braceFormat(s.value(), c, args);
        }
        Value target = eval(a.target());
        switch (m) {
            case "replace" -> {
                if (isQuoteEscape(c.args())) {
                    return Value.of(target.collapse().escapedCopy());
                }
                return Value.of(target.collapse());
            }
            case "append", "extend", "insert", "update", "add" -> {
                if (a.target() instanceof Name owner) {
                    Taint t = Taint.SAFE;
                    for (Value v : args) {
                        t = Taint.join(t, fold(v));
                    }
                    if (t.untrusted()) {
                        Value merged = Value.of(Taint.join(lookup(owner).collapse(), t));
                        bindExisting(owner.id(), merged);
                    }
                }
                return Value.SAFE;
            }
            case "join" -> {
                Taint t = target.collapse();
                for (Value v : args) {
                    t = Taint.join(t, v.collapse());
                }
                return Value.of(t);
            }
            default -> {
                Taint t = target.collapse();
                for (Value v : args) {
                    t = Taint.join(t, v.collapse());
                }
                return Value.of(t);
            }
        }
    }

    /**
     * Collapses a built fragment into one value (it goes into a list or a join), remembering whether an untrusted
     * value in it already sat right after a comparison ({@code "id = " ~ id}).
     */
    private static Taint fold(Value v) {
        Taint t = v.collapse();
        if (!t.untrusted() || v.parts().size() < 2) {
            return t;
        }
        List<Position> positions = SqlContext.classify(v.parts());
        int k = 0;
        for (Part p : v.parts()) {
            if (p instanceof Val val) {
                if (val.taint().untrusted() && positions.get(k) == Position.COMPARED) {
                    return Taint.join(t, val.taint().comparedCopy());
                }
                k++;
            }
        }
        return t;
    }

    /** {@code dbt.datediff(...)}, {@code dbt_utils.star(...)}: a macro of a namespace, not a method of a value. */
    private boolean isNamespaceCall(Attr a) {
        Node root = a.target();
        while (root instanceof Attr inner) {
            root = inner.target();
        }
        if (!(root instanceof Name name)) {
            return false;
        }
        for (Map<String, Value> scope : scopes) {
            if (scope.containsKey(name.id())) {
                return false;
            }
        }
        return true;
    }

    private boolean inScope(String name) {
        for (Map<String, Value> scope : scopes) {
            if (scope.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private void bindExisting(String name, Value v) {
        for (Map<String, Value> scope : scopes) {
            if (scope.containsKey(name)) {
                scope.put(name, v);
                return;
            }
        }
        scopes.peek().put(name, v);
    }

    private static boolean isQuoteEscape(List<Node> args) {
        return args.size() >= 2 && args.get(0) instanceof Str from && from.value().equals("'")
                && args.get(1) instanceof Str to && (to.value().equals("''") || to.value().equals("\\'"));
    }

    private Value filter(Filter f) {
        Value target = eval(f.target());
        List<Value> args = f.args().stream().map(this::eval).toList();
        String name = f.name();
        if (SAFE_FILTERS.contains(name)) {
            return Value.SAFE;
        }
        if (name.equals("replace") && isQuoteEscape(f.args())) {
            return Value.of(target.collapse().escapedCopy());
        }
        if (name.equals("format") && target.isLiteral()) {
            // "... %s ..." | format(a, b): the printf-style filter
            Node tuple = new Seq(f.args(), f.offset());
            return percentFormat(target.literalText(), tuple, Value.of(Taint.SAFE));
        }
        Taint t = target.collapse();
        if (name.equals("default") || name.equals("d") || name.equals("join")) {
            for (Value v : args) {
                t = Taint.join(t, v.collapse());
            }
        }
        return Value.of(t);
    }

    private Value binary(Binary b) {
        Value l = eval(b.left());
        Value r = eval(b.right());
        return switch (b.op()) {
            case "~" -> l.concat(r);
            case "+" -> l.isLiteral() && !l.parts().isEmpty() || r.isLiteral() && !r.parts().isEmpty()
                    ? l.concat(r) : Value.of(Taint.join(l.collapse(), r.collapse()));
            case "%" -> l.isLiteral() ? percentFormat(l.literalText(), b.right(), r) : Value.SAFE;
            case "or", "and" -> Value.of(Taint.join(l.collapse(), r.collapse()));
            default -> Value.SAFE; // arithmetic yields numbers, comparisons booleans
        };
    }

    /** {@code "... %s ..." % (a, b)}: the literal pieces around each placeholder, values in order. */
    private Value percentFormat(String format, Node rightNode, Value right) {
        List<Value> values = new ArrayList<>();
        if (rightNode instanceof Seq seq) {
            seq.items().forEach(i -> values.add(eval(i)));
        } else {
            values.add(right);
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = PERCENT_PLACEHOLDER.matcher(format);
        int last = 0;
        int k = 0;
        while (m.find()) {
            parts.add(new Lit(format.substring(last, m.start())));
            Value v = m.group(1) != null ? Value.of(right.collapse())
                    : k < values.size() ? values.get(k) : Value.of(right.collapse());
            k++;
            boolean numeric = "dif".contains(m.group(3));
            parts.addAll(numeric ? Value.SAFE.parts() : v.parts());
            last = m.end();
        }
        parts.add(new Lit(format.substring(last)));
        return new Value(parts);
    }

    /** {@code "... {} ... {name}".format(a, name=b)}. */
    private Value braceFormat(String format, Call c, List<Value> args) {
        List<Part> parts = new ArrayList<>();
        Matcher m = BRACE_PLACEHOLDER.matcher(format);
        int last = 0;
        int k = 0;
        while (m.find()) {
            parts.add(new Lit(format.substring(last, m.start())));
            String field = m.group(1).split("[!:]", 2)[0];
            Value v;
            if (field.isEmpty()) {
                v = k < args.size() ? args.get(k) : Value.SAFE;
                k++;
            } else if (field.chars().allMatch(Character::isDigit)) {
                int idx = Integer.parseInt(field.length() > 6 ? "999999" : field);
                v = idx < args.size() ? args.get(idx) : Value.SAFE;
            } else {
                Node kw = c.kwargs().get(field);
                v = kw == null ? Value.SAFE : eval(kw);
            }
            parts.addAll(v.parts());
            last = m.end();
        }
        parts.add(new Lit(format.substring(last)));
        return new Value(parts);
    }

    // ---- judging complete SQL ----

    /** A model's or macro's output: var/env_var/query results must not land bare (SQL010 value, SQL014 name). */
    private void checkRendered(List<Part> parts) {
        List<Position> positions = SqlContext.classify(parts);
        int k = 0;
        for (Part p : parts) {
            if (!(p instanceof Val v)) {
                continue;
            }
            Position pos = positions.get(k++);
            Taint t = v.taint();
            if (!t.untrusted() || t.source() == Source.MACRO_ARG || t.offset() < 0) {
                continue;
            }
            if (pos == Position.VALUE || pos == Position.COMPARED) {
                report(UnquotedJinjaValueInSql.META, t.offset(), t.label() + " is rendered unquoted where the SQL "
                        + "expects a value, so its content becomes SQL; cast it (`| int`), or quote and escape it "
                        + "(`dbt.string_literal(dbt.escape_single_quotes(...))`).", t, null);
            } else if (pos == Position.NAME) {
                report(UntrustedJinjaIdentifier.META, t.offset(), t.label() + " is rendered as a table or column "
                        + "name without validation; use ref()/source(), adapter.quote(), or check it against an "
                        + "allowed list.", t, null);
            }
        }
    }

    /** SQL a macro runs: any untrusted value, macro arguments included, must not land bare (SQL013). */
    private void checkExecuted(List<Part> parts, String executor, int executorOffset) {
        List<Part> significant = parts.stream().filter(p -> !(p instanceof Lit l && l.text().isBlank())).toList();
        if (significant.size() == 1 && significant.get(0) instanceof Val only
                && only.taint().source() == Source.MACRO_ARG) {
            return; // the whole statement is the caller's: a pass-through like run_query(sql) judges nothing here
        }
        List<Position> positions = SqlContext.classify(parts);
        int k = 0;
        for (Part p : parts) {
            if (!(p instanceof Val v)) {
                continue;
            }
            Position pos = positions.get(k++);
            Taint t = v.taint();
            if (!t.untrusted()) {
                continue;
            }
            if (t.compared() && (pos == Position.VALUE || pos == Position.NAME)) {
                pos = Position.COMPARED;
            }
            int at = t.offset() >= 0 ? t.offset() : executorOffset;
            String where = line(at) == line(executorOffset) ? "" : " on line " + line(executorOffset);
            boolean argument = t.source() == Source.MACRO_ARG;
            if (pos == Position.STRING && executor.endsWith("()")) {
                if (t.escaped()) {
                    continue;
                }
                // '" ~ region ~ "': quotes without escaping end where the value's own quote begins
                report(UntrustedValueInExecutedJinjaSql.META, at, t.label() + " is placed inside a quoted SQL literal "
                        + "without escaping, in SQL executed by " + executor + where + "; a quote in it ends the literal: "
                        + "escape it (`dbt.string_literal(dbt.escape_single_quotes(...))`), cast it (`| int`) or "
                        + "validate it before running the statement.", t, executor);
                continue;
            }
            if (pos == Position.COMPARED || (pos == Position.VALUE && !argument) || (pos == Position.NAME && !argument)) {
                String how = pos == Position.NAME ? "as a name" : "unquoted";
                report(UntrustedValueInExecutedJinjaSql.META, at, t.label() + " is concatenated " + how
                        + " into SQL executed by " + executor + where + "; quote it (`dbt.string_literal(dbt.escape_single_quotes(...))`), "
                        + "cast it (`| int`) or validate it before running the statement.", t, executor);
            } else if (pos == Position.NAME) {
                report(MacroArgumentAsNameInExecutedSql.META, at, t.label() + " is used as a table or column name in "
                        + "SQL executed by " + executor + where + "; quote it with `adapter.quote(...)`, resolve it "
                        + "with `api.Relation.create(...)`, or check it against an allowed list.", t, executor);
            }
        }
    }

    private void report(RuleMeta rule, int offset, String message, Taint source, String sink) {
        int line = line(offset);
        if (reported.add(rule.id() + ":" + line + ":" + message)) {
            boolean secondOrder = rule == UntrustedValueInExecutedJinjaSql.META && source.source() == Source.QUERY_RESULT;
            Finding f = Finding.of(rule, path, Region.line(line), secondOrder ? message + " Graded medium: the value was "
                            + "read from the database by the macro, not passed in (second-order)." : message)
                    .withProperty("source", source.source().name().toLowerCase(java.util.Locale.ROOT));
            if (secondOrder) {
                f = f.withSeverity(dev.lastmile.core.model.Severity.MEDIUM);
            }
            findings.add(sink == null ? f : f.withProperty("sink", sink));
        }
    }

    // ---- helpers ----

    static String dotted(Node n) {
        if (n instanceof Name name) {
            return name.id();
        }
        if (n instanceof Attr a) {
            String owner = dotted(a.target());
            return owner.isEmpty() ? "" : owner + "." + a.name();
        }
        return "";
    }

    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        int target = Math.max(0, Math.min(offset, text.length()));
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
