package dev.lastmile.dbt.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.Placeholders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders dbt Jinja with Jinjava, without a warehouse: {@code ref}, {@code source}, {@code config}, {@code var}
 * (project vars, then policy defaults, then the call's default, then a placeholder), {@code env_var} (its default or a
 * placeholder, never the real environment), {@code is_incremental} (each branch in its own rendering),
 * {@code this}, {@code target}, {@code adapter.dispatch}/{@code quote}, the common built-ins, and the project's and
 * installed packages' own macros. A macro nobody defines renders to a neutral placeholder name, never to nothing,
 * and a CTE left empty becomes a placeholder subquery, so the SQL around it still parses.
 *
 * <p>One renderer per project: it reads the macro files once. {@link #render} is thread-safe.
 */
public final class JinjaRenderer {

    /** The longest string (and so output) one rendering may build: 20 MB of SQL is no model. */
    static final long RENDER_BUDGET_CHARS = 20L * 1024 * 1024;

    /**
     * Iterations of {@code range()} loops one rendering may run: nested loops (three of {@code range(1000)} are a
     * billion iterations in 90 bytes) end there, and the rendering fails honestly into the fallback. Real models
     * loop over months, days of a date spine or a column list: thousands, not a million.
     */
    static final long LOOP_BUDGET = 1_000_000;
    /** Time the loops of one rendering may take, checked every 256 iterations. */
    static final long LOOP_TIME_BUDGET_NANOS = 10_000_000_000L;

    /**
     * {@code range()}: Jinjava's, whose iterations count against the rendering's {@link #LOOP_BUDGET}; once it is
     * spent, every further range is empty, so the loops around it end at once.
     */
    public static List<Integer> boundedRange(Object arg1, Object... args) {
        List<Integer> values = com.hubspot.jinjava.lib.fn.Functions.range(arg1, args);
        RenderState s = STATE.get();
        if (s == null) {
            return values;
        }
        if (s.overBudget) {
            return List.of();
        }
        return new java.util.AbstractList<>() {
            @Override
            public Integer get(int index) {
                return values.get(index);
            }

            @Override
            public int size() {
                return values.size();
            }

            @Override
            public java.util.Iterator<Integer> iterator() {
                java.util.Iterator<Integer> it = values.iterator();
                return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return !s.overBudget && it.hasNext();
                    }

                    @Override
                    public Integer next() {
                        if (++s.iterations > LOOP_BUDGET
                                || (s.iterations & 255) == 0 && System.nanoTime() > s.deadline) {
                            s.overBudget = true;
                        }
                        return it.next();
                    }
                };
            }
        };
    }

    /** Names Jinja itself provides; never replaced by placeholders. */
    private static final Set<String> JINJA_NAMES = Set.of(
            "range", "dict", "list", "namespace", "cycler", "joiner", "lipsum", "caller", "super", "loop", "zip",
            "varargs", "kwargs", "self", "true", "false", "none", "True", "False", "None", "if", "for", "in", "not",
            "and", "or", "is", "set", "do", "macro", "call", "filter", "raw", "endraw", "return", "print", "str", "int",
            "float", "bool", "len", "max", "min", "sum", "abs", "round", "sorted", "type", "tuple", "enumerate");

    /**
     * Where each {@code {{ .. }}} and {@code {% .. %}} tag is, as {@code [start, end)}: from its opening delimiter to
     * the first closing one (what Jinjava reads as the tag). A scan, not a regex: it runs on every model twice.
     */
    static List<int[]> tagSpans(String template) {
        List<int[]> spans = new ArrayList<>();
        int n = template.length();
        for (int i = template.indexOf('{'); i >= 0 && i + 1 < n; i = template.indexOf('{', i + 1)) {
            char kind = template.charAt(i + 1);
            if (kind != '{' && kind != '%') {
                continue;
            }
            int close = template.indexOf(kind == '{' ? "}}" : "%}", i + 2);
            if (close < 0) {
                break;
            }
            spans.add(new int[] {i, close + 2});
            i = close + 1;
        }
        return spans;
    }
    private static final Pattern CALL = Pattern.compile("(?<![\\w.|'\"])([A-Za-z_]\\w*)(?:\\.([A-Za-z_]\\w*))?\\s*\\(");
    private static final Pattern LOCAL = Pattern.compile(
            "\\{%-?\\s*(?:set|for)\\s+([A-Za-z_]\\w*)(?:\\s*,\\s*([A-Za-z_]\\w*))?|\\{%-?\\s*macro\\s+\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern DISPATCH = Pattern.compile(
            "adapter\\.dispatch\\(\\s*['\"](\\w+)['\"](?:\\s*,\\s*(?:macro_namespace\\s*=\\s*)?['\"]?(\\w+)['\"]?)?\\s*\\)\\s*\\(");

    private final DbtProject project;
    private final Jinjava jinjava;
    private final Set<String> globalMacroNames = new HashSet<>();
    private final Set<String> namespaces = new HashSet<>();
    private final Map<String, Object> policyVars;
    private final String adapterType;

    private static final ThreadLocal<RenderState> STATE = new ThreadLocal<>();
    /** One slot per macro call in progress: {value, set?} for dbt's return(). */
    private static final ThreadLocal<java.util.ArrayDeque<Object[]>> RETURN_SLOTS = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    /**
     * A project or package macro as dbt calls it: when its body calls {@code return(x)}, the call evaluates to
     * {@code x} (so {@code {% for c in get_columns() %}} loops over a list, not over the characters of its text).
     */
    private static MacroFunction returning(MacroFunction macro) {
        return new JavaMacro(macro.getName(), (a, k) -> {
            Object[] call = callArguments(a, k);
            Object[] slot = new Object[2];
            RETURN_SLOTS.get().push(slot);
            try {
                Object out = macro.evaluate(call);
                if (slot[1] == Boolean.TRUE) {
                    return slot[0];
                }
                // a macro whose return() sat behind `if execute` rendered only whitespace: that is nothing, not a
                // string to loop over character by character
                return out instanceof String str && str.isBlank() ? Blank.INSTANCE : out;
            } finally {
                RETURN_SLOTS.get().pop();
            }
        });
    }

    /** Positional and keyword arguments as {@link MacroFunction#evaluate} takes them. */
    private static Object[] callArguments(List<Object> a, Map<String, Object> k) {
        Object[] call = new Object[a.size() + k.size()];
        int i = 0;
        for (Object o : a) {
            call[i++] = o;
        }
        for (Map.Entry<String, Object> e : k.entrySet()) {
            call[i++] = new com.hubspot.jinjava.el.ext.NamedParameter(e.getKey(), e.getValue());
        }
        return call;
    }

    /** What an {@code adapter.dispatch('x')} that found no adapter implementation calls: see {@link #fallbackMacro}. */
    private static final String FALLBACK = Placeholders.UNKNOWN + "fallback__";

    /** How many times {@code exceptions.warn} or {@code exceptions.raise_compiler_error} ran on this thread. */
    private static final ThreadLocal<int[]> RAISED = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * {@code default__x} for an adapter that has no implementation of its own. A project that implements {@code x}
     * only for the adapters it supports often makes {@code default__x} only warn or raise that the adapter is not
     * supported; dbt would then fail, or leave a hole in the SQL. When the default did that and rendered nothing, the
     * hole becomes the placeholder {@code __lm_x(args)}, as for a macro nobody defines, so the statement around it
     * still parses. A default that renders nothing without complaining (an optional clause) stays nothing.
     */
    private MacroFunction fallbackMacro(String name) {
        MacroFunction placeholder = placeholderMacro(name);
        return new JavaMacro(FALLBACK + name, (a, k) -> {
            MacroFunction impl = jinjava.getGlobalContext().getGlobalMacro("default__" + name);
            int[] raised = RAISED.get();
            int before = raised[0];
            Object out = impl == null ? null : impl.evaluate(callArguments(a, k));
            boolean blank = out == null || out instanceof Blank || out instanceof String str && str.isBlank();
            if (impl == null || blank && raised[0] > before) {
                return placeholder.evaluate(callArguments(a, k));
            }
            return out;
        });
    }

    /** What one rendering records as dbt calls run. */
    private static final class RenderState {
        final String model;
        final boolean incremental;
        final Map<String, Object> config = new LinkedHashMap<>();
        final List<String> refs = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        boolean usedIncremental;
        /** Loop iterations over range() so far: past {@link #LOOP_BUDGET}, every range() is empty. */
        long iterations;
        boolean overBudget;
        /** When loops must stop however few their iterations (each may be dear: a deep macro call per step). */
        final long deadline = System.nanoTime() + LOOP_TIME_BUDGET_NANOS;

        RenderState(String model, boolean incremental) {
            this.model = model;
            this.incremental = incremental;
        }
    }

    public JinjaRenderer(DbtProject project, ProjectFiles files, Map<String, Object> policyVars) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JinjaRenderer.class.getClassLoader());
        try {
                this.project = project;
            this.policyVars = policyVars == null ? Map.of() : Map.copyOf(policyVars);
            this.adapterType = project.dialect().id();
            this.dispatchAdapters = dispatchAdapters(adapterType);
            this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                    .withFailOnUnknownTokens(false)
                    .withMaxOutputSize(20L * 1024 * 1024)
                    // bounded work: a string doubled in a loop, or a list or dict grown in one, ends the rendering
                    // (then the fallback) instead of the scan's memory; no real model comes near these
                    .withMaxStringLength(RENDER_BUDGET_CHARS)
                    .withMaxListSize(100_000)
                    .withMaxMapSize(100_000)
                    .withMaxRenderDepth(20)
                    .withMaxMacroRecursionDepth(20)
                    .withEnableRecursiveMacroCalls(true)
                    .withNestedInterpretationEnabled(false)
                    .build());
            Context g = jinjava.getGlobalContext();
            installBuiltins(g);
            NativeFilters.all().forEach(g::registerFilter);
            // every macro name first, so adapter.dispatch resolves to default__x even inside the file defining it
            for (String path : project.macroFiles()) {
                collectMacroNames(files, path);
            }
            project.packageMacroFiles().values().forEach(ps -> ps.forEach(path -> collectMacroNames(files, path)));
            for (String name : List.copyOf(dispatchable)) {
                if (name.startsWith("default__") && name.length() > "default__".length()) {
                    MacroFunction fallback = fallbackMacro(name.substring("default__".length()));
                    g.addGlobalMacro(fallback);
                    globalMacroNames.add(fallback.getName());
                }
            }
            // dbt's own naming macros, so a project's generate_schema_name can call default__generate_schema_name
            for (MacroFunction m : loadMacroText(DBT_NAMING_MACROS)) {
                g.addGlobalMacro(returning(m));
            }
            // installed packages first, so the project's own macros win on a name clash, as in dbt
            for (Map.Entry<String, List<String>> pkg : project.packageMacroFiles().entrySet()) {
                Map<String, Object> ns = new PlaceholderNamespace(pkg.getKey());
                for (String path : pkg.getValue()) {
                    for (MacroFunction loaded : loadMacros(files, path)) {
                        MacroFunction m = returning(loaded);
                        ns.put(m.getName(), m);
                        if (!globalMacroNames.contains(m.getName())) {
                            g.addGlobalMacro(m);
                            globalMacroNames.add(m.getName());
                        }
                    }
                }
                ns.put("star", builtinStar());
                g.put(pkg.getKey(), ns);
                namespaces.add(pkg.getKey());
            }
            // the project's own macros are global, and also callable as <project_name>.macro()
            PlaceholderNamespace own = new PlaceholderNamespace(project.name().isEmpty() ? "__project" : project.name());
            for (String path : project.macroFiles()) {
                for (MacroFunction loaded : loadMacros(files, path)) {
                    MacroFunction m = returning(loaded);
                    projectMacroNames.add(m.getName());
                    g.addGlobalMacro(m);
                    globalMacroNames.add(m.getName());
                    own.put(m.getName(), m);
                }
            }
            if (!project.name().isEmpty() && !namespaces.contains(project.name())) {
                g.put(project.name(), own);
                namespaces.add(project.name());
            }
            for (String ns : List.of("dbt_utils", "dbt", "dbt_expectations", "dbt_date", "fivetran_utils", "audit_helper", "codegen")) {
                if (!namespaces.contains(ns)) {
                    PlaceholderNamespace p = new PlaceholderNamespace(ns);
                    p.put("star", builtinStar());
                    if (ns.equals("dbt") || ns.equals("dbt_utils")) {
                        p.putAll(CrossDbMacros.all());
                    }
                    g.put(ns, p);
                    namespaces.add(ns);
                }
            }
            // the cross-database macros are also callable unqualified, unless the project defines its own
            CrossDbMacros.all().forEach((name, macro) -> {
                if (!globalMacroNames.contains(name)) {
                    g.addGlobalMacro(macro);
                    globalMacroNames.add(name);
                }
            });
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static final Pattern MACRO_DEF = Pattern.compile("\\{%-?\\s*macro\\s+(\\w+)");

    private void collectMacroNames(ProjectFiles files, String path) {
        Matcher m = MACRO_DEF.matcher(files.read(path).orElse(""));
        while (m.find()) {
            dispatchable.add(m.group(1));
        }
    }

    private final Set<String> dispatchable = new HashSet<>();
    /** Macros the project itself defines (not its packages): they override dbt's own of the same name. */
    private final Set<String> projectMacroNames = new HashSet<>();

    /** True when the project's own macro files define {@code name} ({@code generate_schema_name}, say). */
    public boolean projectDefines(String name) {
        return projectMacroNames.contains(name);
    }
    private final List<String> dispatchAdapters;

    /** dbt's default naming macros (dbt-core's {@code get_custom_name} macros), as text. */
    private static final String DBT_NAMING_MACROS = """
            {% macro default__generate_schema_name(custom_schema_name, node) -%}
              {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ target.schema }}_{{ custom_schema_name | trim }}{%- endif -%}
            {%- endmacro %}
            {% macro default__generate_database_name(custom_database_name, node) -%}
              {%- if custom_database_name is none -%}{{ target.database }}{%- else -%}{{ custom_database_name | trim }}{%- endif -%}
            {%- endmacro %}
            {% macro default__generate_alias_name(custom_alias_name, node) -%}
              {%- if custom_alias_name is none -%}{{ node.name }}{%- else -%}{{ custom_alias_name | trim }}{%- endif -%}
            {%- endmacro %}
            {% macro generate_schema_name_for_env(custom_schema_name, node) -%}
              {%- if target.name == 'prod' and custom_schema_name is not none -%}{{ custom_schema_name | trim }}{%- else -%}{{ target.schema }}{%- endif -%}
            {%- endmacro %}
            """;

    private List<MacroFunction> loadMacros(ProjectFiles files, String path) {
        return loadMacroText(files.read(path).orElse(""));
    }

    private List<MacroFunction> loadMacroText(String text) {
        if (!text.contains("macro")) {
            return List.of();
        }
        try {
            String pre = preprocess(text);
            // calls inside macro bodies resolve in the global context: give their unknown names placeholders there
            registerUnknown(jinjava.getGlobalContext(), pre);
            JinjavaInterpreter interp = jinjava.newInterpreter();
            interp.render(pre);
            // only the macros this file defines (the context also sees every macro registered before it)
            Set<String> defined = new HashSet<>();
            Matcher d = MACRO_DEF.matcher(pre);
            while (d.find()) {
                defined.add(d.group(1));
            }
            List<MacroFunction> out = new ArrayList<>();
            for (String name : defined) {
                MacroFunction m = interp.getContext().getGlobalMacro(name);
                if (m != null && !(m instanceof JavaMacro)) {
                    out.add(m);
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A namespace ({@code dbt_utils.}) whose unknown members are placeholder macros. */
    private static final class PlaceholderNamespace extends HashMap<String, Object> {
        private final String name;

        PlaceholderNamespace(String name) {
            this.name = name;
        }

        @Override
        public Object get(Object key) {
            Object v = super.get(key);
            return v != null ? v : placeholderMacro(name + "." + key);
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }
    }

    private static final Pattern SIMPLE_ARG = Pattern.compile("[A-Za-z_][\\w.]*|-?\\d+(\\.\\d+)?");

    /**
     * An unknown macro renders as {@code __lm_name}, or {@code __lm_name(a, b)} when its arguments are column names
     * or numbers, so the columns it reads stay visible to lineage.
     */
    static MacroFunction placeholderMacro(String name) {
        String ph = Placeholders.UNKNOWN + Placeholders.sanitize(name.replace('.', '_'));
        return new JavaMacro(name, (a, k) -> {
            StringBuilder args = new StringBuilder();
            for (Object o : a) {
                String s = o == null ? "" : String.valueOf(o).trim();
                if (o instanceof RelationObject || !SIMPLE_ARG.matcher(s).matches()) {
                    continue;
                }
                args.append(args.isEmpty() ? "" : ", ").append(s);
            }
            return args.isEmpty() ? ph : ph + "(" + args + ")";
        });
    }

    private static MacroFunction builtinStar() {
        // dbt_utils.star(from=ref('x'), except=[...], relation_alias='c'): every column but the listed ones
        return new JavaMacro("star", (a, k) -> {
            Object alias = k.getOrDefault("relation_alias", a.size() > 2 ? a.get(2) : null);
            Object except = k.getOrDefault("except", a.size() > 1 ? a.get(1) : null);
            String star = (alias == null || String.valueOf(alias).isBlank() ? "" : alias + ".") + "*";
            if (except instanceof List<?> l && !l.isEmpty()) {
                StringBuilder b = new StringBuilder(star).append(" except (");
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(l.get(i));
                }
                return b.append(")").toString();
            }
            return star;
        });
    }

    private void installBuiltins(Context g) {
        g.registerFunction(new com.hubspot.jinjava.lib.fn.ELFunctionDefinition("", "range", JinjaRenderer.class,
                "boundedRange", Object.class, Object[].class));
        add(g, "ref", (a, k) -> {
            String model = a.isEmpty() ? String.valueOf(k.getOrDefault("name", "")) : String.valueOf(a.get(a.size() > 1 ? 1 : 0));
            RenderState s = STATE.get();
            if (s != null) {
                s.refs.add(model.toLowerCase(Locale.ROOT));
            }
            return new RelationObject(Placeholders.ref(model.toLowerCase(Locale.ROOT)), model);
        });
        add(g, "source", (a, k) -> {
            String src = a.isEmpty() ? "" : String.valueOf(a.get(0));
            String table = a.size() > 1 ? String.valueOf(a.get(1)) : "";
            RenderState s = STATE.get();
            if (s != null) {
                s.sources.add((src + "." + table).toLowerCase(Locale.ROOT));
            }
            return new RelationObject(Placeholders.source(src.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)), table);
        });
        ConfigMacro config = new ConfigMacro();
        g.addGlobalMacro(config);
        g.put("config", config); // config.get('key') reads it as a variable
        add(g, "var", (a, k) -> {
            String name = a.isEmpty() ? "" : String.valueOf(a.get(0));
            if (project.vars().containsKey(name)) {
                return renderedVar(project.vars().get(name));
            }
            if (policyVars.containsKey(name)) {
                return renderedVar(policyVars.get(name));
            }
            if (a.size() > 1) {
                return a.get(1);
            }
            return Placeholders.UNKNOWN + "var_" + Placeholders.sanitize(name);
        });
        add(g, "env_var", (a, k) -> a.size() > 1 ? a.get(1) : Placeholders.UNKNOWN + "env_" + Placeholders.sanitize(a.isEmpty() ? "" : String.valueOf(a.get(0))));
        add(g, "is_incremental", (a, k) -> {
            RenderState s = STATE.get();
            if (s != null) {
                s.usedIncremental = true;
                return s.incremental;
            }
            return false;
        });
        add(g, "log", (a, k) -> "");
        add(g, "print", (a, k) -> "");
        add(g, "return", (a, k) -> {
            // dbt's return(x) makes the macro call evaluate to x itself (a list, a dict), not to its text
            Object value = a.isEmpty() ? "" : a.get(0);
            Object[] slot = RETURN_SLOTS.get().peek();
            if (slot != null) {
                slot[0] = value;
                slot[1] = Boolean.TRUE;
                return "";
            }
            return value;
        });
        add(g, "run_query", (a, k) -> null);
        add(g, "load_result", (a, k) -> null);
        add(g, "statement", (a, k) -> "");
        add(g, "fromjson", (a, k) -> Map.of());
        add(g, "tojson", (a, k) -> "{}");
        add(g, "fromyaml", (a, k) -> Map.of());
        add(g, "toyaml", (a, k) -> "");
        add(g, "local_md5", (a, k) -> "00000000000000000000000000000000");
        add(g, "set", (a, k) -> a.isEmpty() ? List.of() : a.get(0));
        add(g, "generate_schema_name", (a, k) -> a.isEmpty() || a.get(0) == null ? "__lm_schema" : a.get(0));
        add(g, "generate_alias_name", (a, k) -> a.isEmpty() || a.get(0) == null ? "__lm_alias" : a.get(0));
        add(g, "generate_database_name", (a, k) -> a.isEmpty() || a.get(0) == null ? "__lm_database" : a.get(0));
        for (String n : List.of("ref", "source", "config", "var", "env_var", "is_incremental", "log", "print", "return",
                "run_query", "load_result", "statement", "fromjson", "tojson", "fromyaml", "toyaml", "local_md5", "set",
                "generate_schema_name", "generate_alias_name", "generate_database_name")) {
            globalMacroNames.add(n);
        }
        g.put("execute", false);
        g.put("flags", Map.of("FULL_REFRESH", false, "WHICH", "compile"));
        g.put("invocation_id", "00000000-0000-0000-0000-000000000000");
        g.put("run_started_at", new RunStartedAt());
        g.put("graph", Map.of("nodes", Map.of(), "sources", Map.of()));
        PlaceholderNamespace exceptions = new PlaceholderNamespace("exceptions");
        // both render nothing and are counted, so a default__ that only complains becomes a placeholder
        JavaMacro.Body complain = (a, k) -> {
            RAISED.get()[0]++;
            return "";
        };
        exceptions.put("raise_compiler_error", new JavaMacro("raise_compiler_error", complain));
        exceptions.put("warn", new JavaMacro("warn", complain));
        g.put("exceptions", exceptions);
        namespaces.add("exceptions");
        PlaceholderNamespace modules = new PlaceholderNamespace("modules");
        PlaceholderNamespace pytz = new PlaceholderNamespace("modules.pytz");
        pytz.put("timezone", new JavaMacro("timezone", (a, k) -> a.isEmpty() ? "UTC" : a.get(0)));
        pytz.put("utc", "UTC");
        modules.put("pytz", pytz);
        g.put("modules", modules);
        namespaces.add("modules");
        PlaceholderNamespace api = new PlaceholderNamespace("api");
        api.put("Column", new ColumnApi(adapterType));
        g.put("api", api);
        namespaces.add("api");
        Map<String, Object> target = new LinkedHashMap<>();
        project.targetConfig().forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.equals("password") && !key.equals("keyfile") && !key.contains("secret") && !key.contains("token")
                    && !key.equals("private_key") && !key.equals("private_key_passphrase")) {
                target.put(key, v);
            }
        });
        target.putIfAbsent("name", project.profileTarget().isEmpty() ? "dev" : project.profileTarget());
        target.putIfAbsent("type", adapterType);
        target.putIfAbsent("schema", target.getOrDefault("dataset", "__lm_target_schema"));
        target.putIfAbsent("database", target.getOrDefault("project", "__lm_target_database"));
        target.putIfAbsent("threads", 4);
        g.put("target", target);
        g.put("adapter", new Adapter());
        namespaces.add("adapter");
    }

    private static final ThreadLocal<int[]> VAR_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * A var's value as dbt's {@code var()} returns it: a string holding Jinja
     * ({@code '{{ run_started_at.strftime("%Y") }}'}) is rendered where it is used; anything else as it is.
     */
    private static Object renderedVar(Object value) {
        if (!(value instanceof String s) || !s.contains("{{") && !s.contains("{%")) {
            return value;
        }
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        int[] depth = VAR_DEPTH.get();
        if (interp == null || depth[0] > 4) {
            return value;
        }
        depth[0]++;
        try {
            return interp.render(s);
        } finally {
            depth[0]--;
        }
    }

    private void add(Context g, String name, JavaMacro.Body body) {
        g.addGlobalMacro(new JavaMacro(name, body));
    }

    /** {@code config(...)} records the model's configuration; {@code config.get('key')} reads it back. */
    public static final class ConfigMacro extends JavaMacro {
        ConfigMacro() {
            super("config", (a, k) -> {
                RenderState s = STATE.get();
                if (s != null) {
                    s.config.putAll(k);
                    if (!a.isEmpty() && a.getFirst() instanceof Map<?, ?> m) {
                        m.forEach((key, v) -> s.config.put(String.valueOf(key), v));
                    }
                }
                return "";
            });
        }

        /** {@code config.get('key')} or {@code config.get('key', default)}. */
        public Object get(Object key, Object... dflt) {
            RenderState s = STATE.get();
            Object v = s == null ? null : s.config.get(String.valueOf(key));
            return v != null ? v : dflt.length > 0 ? dflt[0] : null;
        }

        public Object require(Object key) {
            return get(key);
        }
    }

    /** {@code adapter}: quoting and dispatch; everything that would ask the warehouse returns a placeholder. */
    public final class Adapter {
        public String quote(Object s) {
            return "\"" + s + "\"";
        }

        public Object dispatch(Object name, Object ns) {
            return placeholderMacro(String.valueOf(name));
        }

        public Object dispatch(Object name) {
            return placeholderMacro(String.valueOf(name));
        }

        public List<Object> get_columns_in_relation(Object relation) {
            return List.of();
        }

        public Object get_relation(Object database, Object schema, Object identifier) {
            return null;
        }

        public String type() {
            return adapterType;
        }
    }

    /**
     * {@code api.Column}: the adapter's column class, for its type helpers ({@code api.Column.translate_type('string')}
     * is {@code TEXT} on most adapters, {@code STRING} on BigQuery), as dbt's {@code Column} and {@code BigQueryColumn}.
     */
    public static final class ColumnApi {
        private final Map<String, String> labels;

        ColumnApi(String adapterType) {
            this.labels = adapterType.equals("bigquery")
                    ? Map.of("TEXT", "STRING", "FLOAT", "FLOAT64", "INTEGER", "INT64")
                    : Map.of("STRING", "TEXT");
        }

        public String translate_type(Object dtype) {
            String t = String.valueOf(dtype);
            return labels.getOrDefault(t.toUpperCase(Locale.ROOT), t);
        }

        public String string_type(Object size) {
            return "character varying(" + size + ")";
        }

        public String numeric_type(Object dtype, Object precision, Object scale) {
            return precision == null || scale == null ? String.valueOf(dtype) : dtype + "(" + precision + "," + scale + ")";
        }
    }

    /** Nothing: prints as empty text and loops zero times (a macro whose return() did not run). */
    public static final class Blank implements Iterable<Object> {
        static final Blank INSTANCE = new Blank();

        @Override
        public java.util.Iterator<Object> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public String toString() {
            return "";
        }
    }

    /** {@code run_started_at}: a fixed timestamp (2024-01-01 00:00:00 UTC), so formatted dates in SQL stay literals. */
    public static final class RunStartedAt {
        private static final java.time.LocalDateTime AT = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);

        /** Python's {@code strftime}: {@code '%Y'} is {@code 2024}, {@code '%Y-%m-%d'} is {@code 2024-01-01}. */
        public String strftime(Object format) {
            String f = String.valueOf(format);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c != '%' || i + 1 >= f.length()) {
                    b.append(c);
                    continue;
                }
                char d = f.charAt(++i);
                b.append(switch (d) {
                    case 'Y' -> String.valueOf(AT.getYear());
                    case 'y' -> String.format("%02d", AT.getYear() % 100);
                    case 'm' -> String.format("%02d", AT.getMonthValue());
                    case 'd' -> String.format("%02d", AT.getDayOfMonth());
                    case 'H' -> String.format("%02d", AT.getHour());
                    case 'I' -> "12";
                    case 'p' -> "AM";
                    case 'M' -> String.format("%02d", AT.getMinute());
                    case 'S' -> String.format("%02d", AT.getSecond());
                    case 'f' -> "000000";
                    case 'j' -> String.format("%03d", AT.getDayOfYear());
                    case 'b' -> "Jan";
                    case 'B' -> "January";
                    case 'a' -> "Mon";
                    case 'A' -> "Monday";
                    case 'w' -> "1";
                    case 'z' -> "+0000";
                    case 'Z' -> "UTC";
                    case '%' -> "%";
                    default -> "%" + d;
                });
            }
            return b.toString();
        }

        /** {@code run_started_at.astimezone(tz)}: the same instant (it is UTC already). */
        public RunStartedAt astimezone(Object zone) {
            return this;
        }

        public int getYear() {
            return AT.getYear();
        }

        public int getMonth() {
            return AT.getMonthValue();
        }

        public int getDay() {
            return AT.getDayOfMonth();
        }

        public String isoformat() {
            return "2024-01-01T00:00:00";
        }

        public String date() {
            return "2024-01-01";
        }

        @Override
        public String toString() {
            return "2024-01-01 00:00:00";
        }
    }

    /** A value that prints as a placeholder. */
    public record PlaceholderValue(String sql) {
        @Override
        public String toString() {
            return sql;
        }
    }

    /** What {@code ref()}, {@code source()} and {@code this} return: prints as its placeholder name. */
    public static final class RelationObject {
        private final String placeholder;
        private final String identifier;

        RelationObject(String placeholder, String identifier) {
            this.placeholder = placeholder;
            this.identifier = identifier;
        }

        public String getIdentifier() {
            return identifier;
        }

        public String getName() {
            return identifier;
        }

        public String getTable() {
            return identifier;
        }

        public String getSchema() {
            return "__lm_schema";
        }

        public String getDatabase() {
            return "__lm_database";
        }

        public Object include(Object... ignored) {
            return this;
        }

        @Override
        public String toString() {
            return placeholder;
        }
    }

    /**
     * Renders {@code template} (the text of {@code path}) with {@code is_incremental()} as given. Callable from any
     * thread: Jinjava finds classes through the thread's context class loader, which on a pool thread under a Lambda
     * runtime or {@code exec:java} is the system loader, so this module's loader is set for the call.
     */
    public Rendered render(String path, String template, boolean incremental) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        ClassLoader ours = JinjaRenderer.class.getClassLoader();
        if (previous == ours) {
            return renderWithLoader(path, template, incremental);
        }
        t.setContextClassLoader(ours);
        try {
            return renderWithLoader(path, template, incremental);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private Rendered renderWithLoader(String path, String template, boolean incremental) {
        String model = DbtProject.modelName(path);
        RenderState state = new RenderState(model, incremental);
        String pre = preprocess(template);
        String marked = LineMarkers.mark(pre);
        Context ctx = new Context(jinjava.getGlobalContext());
        ctx.put("this", new RelationObject(Placeholders.THIS, model));
        ctx.put("model", Map.of("name", model, "alias", model, "unique_id", "model." + project.name() + "." + model,
                "config", Map.of(), "path", path));
        List<String> unknown = registerUnknown(ctx, pre);
        JinjavaInterpreter interp = new JinjavaInterpreter(jinjava, ctx, jinjava.getGlobalConfig());
        STATE.set(state);
        String out;
        String error = "";
        try {
            JinjavaInterpreter.pushCurrent(interp);
            try {
                out = interp.render(marked);
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            for (TemplateError e : interp.getErrors()) {
                if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                    error = "line " + e.getLineno() + ": " + e.getMessage();
                    break;
                }
            }
            if (state.overBudget) {
                error = "the template's loops ran over " + LOOP_BUDGET + " iterations or "
                        + LOOP_TIME_BUDGET_NANOS / 1_000_000_000 + " s; rendering stopped there";
            }
        } catch (RuntimeException | StackOverflowError e) {
            out = null;
            error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\\R", 2)[0];
        } finally {
            STATE.remove();
        }
        if (out == null || !error.isEmpty()) {
            String fallback = stripJinja(template, state);
            int lines = fallback.split("\n", -1).length;
            int[] identity = new int[lines + 1];
            for (int i = 1; i <= lines; i++) {
                identity[i] = i;
            }
            return new Rendered(fallback, identity, incremental, state.config, state.refs, state.sources,
                    unknown, state.usedIncremental || template.contains("is_incremental"), error.isEmpty() ? "render failed" : error);
        }
        LineMarkers.Unmarked u = LineMarkers.unmark(out);
        return new Rendered(u.text(), u.lineMap(), incremental, state.config, state.refs, state.sources,
                unknown, state.usedIncremental, "");
    }

    /**
     * Calls one macro of the project's library ({@code generate_schema_name(custom, node)}) with the given variables
     * in scope ({@code locals} also overrides globals such as {@code target}), and returns what it prints or returns,
     * stripped; empty when it failed or still holds a placeholder. Thread-safe.
     *
     * @param call a Jinja expression naming only {@code locals}, e.g. {@code generate_schema_name(custom, node)}
     * @param error receives the failure's description, when there is one
     */
    public java.util.Optional<String> evaluate(String call, Map<String, Object> locals, java.util.function.Consumer<String> error) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JinjaRenderer.class.getClassLoader());
        Context ctx = new Context(jinjava.getGlobalContext());
        locals.forEach(ctx::put);
        JinjavaInterpreter interp = new JinjavaInterpreter(jinjava, ctx, jinjava.getGlobalConfig());
        STATE.set(new RenderState("", false));
        try {
            JinjavaInterpreter.pushCurrent(interp);
            String out;
            try {
                out = interp.render("{{ " + call + " }}").strip();
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            for (TemplateError e : interp.getErrors()) {
                if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                    error.accept(e.getMessage());
                    return java.util.Optional.empty();
                }
            }
            return out.isEmpty() || out.contains("{{") || out.contains(Placeholders.UNKNOWN)
                    ? java.util.Optional.empty() : java.util.Optional.of(out);
        } catch (RuntimeException | StackOverflowError e) {
            error.accept(e.getClass().getSimpleName() + ": " + e.getMessage());
            return java.util.Optional.empty();
        } finally {
            STATE.remove();
            t.setContextClassLoader(previous);
        }
    }

    /** {@code adapter.dispatch('m', 'pkg')(args)} cannot be written in Jinjava's EL: call the resolved macro instead. */
    private static final Pattern BLOCK_TAGS = Pattern.compile(
            "\\{%-?\\s*(?:snapshot\\s+\\w+|endsnapshot|test\\s+\\w+\\s*\\([^%]*\\)|endtest)\\s*-?%}");

    private String preprocess(String original) {
        // dbt's own block tags ({% snapshot %}) mean nothing to Jinjava: keep their body, drop the tags
        String template = original.contains("{%") && (original.contains("snapshot") || original.contains("endtest"))
                ? BLOCK_TAGS.matcher(original).replaceAll("{# #}") : original;
        template = quotedDelimitersInTags(template);
        template = dropTrailingCommas(template);
        if (!template.contains("adapter.dispatch")) {
            return template;
        }
        Matcher m = DISPATCH.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(dispatchTarget(m.group(1)) + "("));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * The macro {@code adapter.dispatch('x')} calls, searched as dbt does: {@code <adapter>__x}, then the adapters it
     * inherits from (Redshift's {@code postgres__x}, Databricks' {@code spark__x}), then {@code default__x} (through
     * {@link #FALLBACK}, see {@link #fallbackMacro}); a placeholder when none exists.
     */
    private String dispatchTarget(String name) {
        for (String adapter : dispatchAdapters) {
            if (dispatchable.contains(adapter + "__" + name)) {
                return adapter + "__" + name;
            }
        }
        if (dispatchable.contains("default__" + name)) {
            return FALLBACK + name;
        }
        return Placeholders.UNKNOWN + "dispatch_" + name;
    }

    /** The adapters whose implementations {@code adapter.dispatch} tries, in dbt's order, before {@code default__}. */
    static List<String> dispatchAdapters(String adapterType) {
        return switch (adapterType) {
            case "redshift" -> List.of("redshift", "postgres");
            case "databricks" -> List.of("databricks", "spark");
            default -> List.of(adapterType);
        };
    }

    /**
     * A tag's expression as Jinjava's EL can read it, as Python reads it: a trailing comma before {@code )}, {@code ]}
     * or a closing brace is dropped ({@code f(a, b,)}, {@code {'k': 'v',}}); inside a string literal a backslash
     * before a character Python gives no meaning ({@code "\/"}, {@code "\d"}) is kept as a backslash, as Python
     * keeps it (Jinjava's EL rejects the whole expression). String contents are otherwise never touched.
     */
    static String pythonicExpression(String inner) {
        StringBuilder b = null;
        int n = inner.length();
        char quote = 0;
        for (int i = 0; i < n; i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < n) {
                    char e = inner.charAt(i + 1);
                    if (PYTHON_ESCAPES.indexOf(e) < 0) {
                        b = copyUpTo(b, inner, i).append('\\');
                    }
                    if (b != null) {
                        b.append(c).append(e);
                    }
                    i++;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                int k = i + 1;
                while (k < n && Character.isWhitespace(inner.charAt(k))) {
                    k++;
                }
                if (k < n && (inner.charAt(k) == ')' || inner.charAt(k) == ']' || inner.charAt(k) == '}')) {
                    b = copyUpTo(b, inner, i);
                    continue; // the comma is dropped, the white space after it kept
                }
            }
            if (b != null) {
                b.append(c);
            }
        }
        return b == null ? inner : b.toString();
    }

    /**
     * Jinjava's EL binds a keyword argument tighter than an operator: {@code f(include=a + b)} is read as
     * {@code (include=a) + b} and fails. Python binds the whole expression to the name: the value is parenthesised
     * ({@code include=(a + b)}) when it holds an operator at its own level. Strings are skipped.
     */
    static String keywordValuesParenthesised(String inner) {
        if (inner.indexOf('=') < 0 || inner.indexOf('(') < 0) {
            return inner;
        }
        int n = inner.length();
        List<int[]> wraps = new ArrayList<>();
        outsideStrings(inner, 0, (i, c, depth) -> {
            if (c == '=' && depth > 0 && keywordBefore(inner, i) && (i + 1 >= n || inner.charAt(i + 1) != '=')) {
                // the value ends at the next comma or closing bracket of its own level
                int end = outsideStrings(inner, i + 1, (k, x, d) -> d == 0 && (x == ',' || x == ')' || x == ']' || x == '}'));
                if (end > 0 && outsideStrings(inner.substring(0, end), i + 1, (k, x, d) -> d == 0 && "+-*/~%".indexOf(x) >= 0) > 0) {
                    wraps.add(new int[] {i + 1, end});
                }
            }
            return false;
        });
        if (wraps.isEmpty()) {
            return inner;
        }
        StringBuilder b = new StringBuilder(n + 2 * wraps.size());
        int last = 0;
        for (int[] w : wraps) {
            b.append(inner, last, w[0]).append('(').append(inner, w[0], w[1]).append(')');
            last = w[1];
        }
        return b.append(inner, last, n).toString();
    }

    /** What {@link #outsideStrings} shows each character: its index, itself, and the brackets open before it. */
    private interface CharVisitor {
        boolean stopAt(int index, char c, int depth);
    }

    /**
     * Visits the characters of {@code s} from {@code from} that lie outside string literals, with the bracket depth
     * relative to {@code from}; returns the index the visitor stopped at, or -1.
     */
    private static int outsideStrings(String s, int from, CharVisitor visitor) {
        int depth = 0;
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\'' || c == '"') {
                int end = endOfString(s, k);
                if (end < 0) {
                    return -1; // an unterminated string runs to the end
                }
                k = end - 1;
                continue;
            }
            if (visitor.stopAt(k, c, depth)) {
                return k;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** True when an identifier (the keyword's name) ends right before {@code eq}, after optional spaces. */
    private static boolean keywordBefore(String s, int eq) {
        int k = eq - 1;
        while (k >= 0 && s.charAt(k) == ' ') {
            k--;
        }
        if (k < 0 || !(Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            return false;
        }
        while (k >= 0 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k--;
        }
        while (k >= 0 && Character.isWhitespace(s.charAt(k))) {
            k--;
        }
        return k >= 0 && (s.charAt(k) == '(' || s.charAt(k) == ',');
    }

    /** Escapes Python gives a meaning to inside a string literal (others keep their backslash). */
    private static final String PYTHON_ESCAPES = "\\'\"abfnrtv01234567xNuU\n";

    private static StringBuilder copyUpTo(StringBuilder b, String s, int end) {
        return b != null ? b : new StringBuilder(s.length() + 8).append(s, 0, end);
    }

    private static final Pattern STRING_METHOD = Pattern.compile(
            "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_][\\w.]*(?:\\[[^\\[\\]]*]|\\([^()]*\\))?)"
                    + "\\.(lower|upper|strip|title|capitalize)\\(\\s*\\)");

    /** A cheap test before {@link #STRING_METHOD}, whose alternatives are tried at every character of a tag. */
    private static boolean mayCallStringMethod(String tag) {
        for (String m : List.of(".lower(", ".upper(", ".strip(", ".title(", ".capitalize(")) {
            if (tag.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern JOIN_CALL = Pattern.compile("('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")\\.join\\(");

    /** Python's {@code ', '.join(cols)} is Jinja's {@code cols|join(', ')}. */
    static String stringJoinAsFilter(String tag) {
        if (!tag.contains(".join(")) {
            return tag;
        }
        Matcher m = JOIN_CALL.matcher(tag);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find(last)) {
            int open = m.end() - 1;
            int depth = 0;
            int close = -1;
            for (int i = open; i < tag.length(); i++) {
                char c = tag.charAt(i);
                if (c == '(' || c == '[') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        close = i;
                        break;
                    }
                }
            }
            if (close < 0) {
                break;
            }
            b.append(tag, last, m.start()).append("((").append(tag, open + 1, close).append(")|join(")
                    .append(m.group(1)).append("))");
            last = close + 1;
        }
        return b.append(tag.substring(last)).toString();
    }

    /** Python string methods Jinjava lacks ({@code name.lower()}) become the equivalent Jinja filters. */
    static String stringMethodsAsFilters(String original) {
        if (original.indexOf('.') < 0) {
            return original;
        }
        // Python's startswith/endswith are Java's startsWith/endsWith on the same String
        String tag = original.replace(".startswith(", ".startsWith(").replace(".endswith(", ".endsWith(");
        tag = stringJoinAsFilter(tag);
        if (!mayCallStringMethod(tag) || !STRING_METHOD.matcher(tag).find()) {
            return tag;
        }
        Matcher m = STRING_METHOD.matcher(tag);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String f = switch (m.group(2)) {
                case "strip" -> "trim";
                default -> m.group(2);
            };
            m.appendReplacement(b, Matcher.quoteReplacement("(" + m.group(1) + "|" + f + ")"));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * Jinja reads a string literal inside a tag as a string, whatever it holds: {@code {{ config(meta={'at': '{{ ds }}'})
     * }}} is one tag. Jinjava ends the tag at the first {@code }}}, even inside the string, and the file fails to
     * render. Delimiters inside a tag's string literals are split ({@code '{ { ds } }'}); nothing else changes, line
     * breaks included. {@code {# #}} comments and {@code raw} blocks are skipped; an unterminated tag ends the scan.
     */
    static String quotedDelimitersInTags(String template) {
        int n = template.length();
        StringBuilder b = null;
        int copied = 0;
        int i = template.indexOf('{');
        while (i >= 0 && i + 1 < n) {
            char kind = template.charAt(i + 1);
            if (kind == '#') {
                int end = template.indexOf("#}", i + 2);
                if (end < 0) {
                    break;
                }
                i = template.indexOf('{', end + 2);
                continue;
            }
            if (kind != '{' && kind != '%') {
                i = template.indexOf('{', i + 1);
                continue;
            }
            if (kind == '%' && RAW_START.matcher(template).region(i, n).lookingAt()) {
                Matcher end = RAW_END.matcher(template);
                if (!end.find(i + 2)) {
                    break;
                }
                i = template.indexOf('{', end.end());
                continue;
            }
            char close = kind == '{' ? '}' : '%';
            char quote = 0;
            int tagEnd = -1;
            List<Integer> splits = new ArrayList<>();
            for (int k = i + 2; k + 1 < n; k++) {
                char c = template.charAt(k);
                if (quote != 0) {
                    if (c == '\\') {
                        k++;
                    } else if (c == quote) {
                        quote = 0;
                    } else if (isDelimiter(c, template.charAt(k + 1))) {
                        splits.add(k + 1);
                        k++;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == close && template.charAt(k + 1) == '}') {
                    tagEnd = k + 2;
                    break;
                }
            }
            if (tagEnd < 0) {
                break; // an unterminated tag: Jinjava reports it as it is
            }
            for (int at : splits) {
                if (b == null) {
                    b = new StringBuilder(n + 8);
                }
                b.append(template, copied, at).append(' ');
                copied = at;
            }
            i = template.indexOf('{', tagEnd);
        }
        return b == null ? template : b.append(template, copied, n).toString();
    }

    private static final Pattern RAW_START = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

    /** True for the two characters of a Jinja delimiter: an opening or closing brace pair, or brace and percent or hash. */
    private static boolean isDelimiter(char a, char b) {
        return a == '{' && (b == '{' || b == '%' || b == '#') || b == '}' && (a == '}' || a == '%' || a == '#');
    }

    /**
     * Jinja, like Python, reads adjacent string literals as one ({@code "case" " when x then 1"}); Jinjava's EL does
     * not: they become one literal, the line breaks between them kept after it.
     */
    static String joinAdjacentStrings(String tag) {
        StringBuilder b = null;
        int n = tag.length();
        int i = 0;
        int copied = 0;
        while (i < n) {
            char q = tag.charAt(i);
            if (q != '\'' && q != '"') {
                i++;
                continue;
            }
            int end = endOfString(tag, i);
            if (end < 0) {
                break;
            }
            int next = end;
            while (next < n && Character.isWhitespace(tag.charAt(next))) {
                next++;
            }
            if (next >= n || tag.charAt(next) != '\'' && tag.charAt(next) != '"' || endOfString(tag, next) < 0) {
                i = end;
                continue;
            }
            // a run of adjacent literals: one literal in the first one's quotes
            StringBuilder body = new StringBuilder(tag.substring(i + 1, end - 1));
            StringBuilder breaks = new StringBuilder();
            int at = end;
            while (true) {
                int s = at;
                while (s < n && Character.isWhitespace(tag.charAt(s))) {
                    s++;
                }
                int e = s < n && (tag.charAt(s) == '\'' || tag.charAt(s) == '"') ? endOfString(tag, s) : -1;
                if (e < 0) {
                    break;
                }
                tag.substring(at, s).chars().filter(c -> c == '\n').forEach(c -> breaks.append('\n'));
                requoted(tag.substring(s + 1, e - 1), tag.charAt(s), q, body);
                at = e;
            }
            if (b == null) {
                b = new StringBuilder(n);
            }
            b.append(tag, copied, i).append(q).append(body).append(q).append(breaks);
            copied = at;
            i = at;
        }
        return b == null ? tag : b.append(tag, copied, n).toString();
    }

    /** Appends the body of a literal quoted with {@code from} as the body of one quoted with {@code to}. */
    private static void requoted(String body, char from, char to, StringBuilder out) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char d = body.charAt(++i);
                // an escaped quote of the old kind needs no escape any more; every other escape stays
                out.append(d == from && from != to ? String.valueOf(d) : "\\" + d);
            } else if (c == to && from != to) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
    }

    /** The index after the closing quote of the string literal opening at {@code i}, or -1 when it does not close. */
    private static int endOfString(String s, int i) {
        char q = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == q) {
                return j + 1;
            }
        }
        return -1;
    }

    /** Python (and so dbt's Jinja) allows {@code f(a, b,)} and {@code {'k': 'v',}}; Jinjava's EL does not. */
    static String dropTrailingCommas(String template) {
        if (template.indexOf(',') < 0 && template.indexOf('.') < 0 && template.indexOf('"') < 0 && template.indexOf('\'') < 0) {
            return template;
        }
        StringBuilder b = null;
        int last = 0;
        for (int[] span : tagSpans(template)) {
            String inner = template.substring(span[0] + 2, span[1] - 2);
            if (inner.indexOf(',') < 0 && inner.indexOf('.') < 0 && inner.indexOf('"') < 0 && inner.indexOf('\'') < 0) {
                continue; // nothing any of the fix-ups below reads
            }
            String fixed = stringMethodsAsFilters(joinAdjacentStrings(keywordValuesParenthesised(pythonicExpression(inner))));
            if (!fixed.equals(inner)) {
                if (b == null) {
                    b = new StringBuilder(template.length());
                }
                b.append(template, last, span[0] + 2).append(fixed).append(template, span[1] - 2, span[1]);
                last = span[1];
            }
        }
        if (b == null) {
            return template;
        }
        return b.append(template, last, template.length()).toString();
    }

    /** Defines every macro or namespace the template calls that nobody provides, as a placeholder. */
    private List<String> registerUnknown(Context ctx, String template) {
        List<int[]> spans = tagSpans(template);
        Set<String> locals = new HashSet<>();
        Matcher lm = LOCAL.matcher(template);
        for (int[] span : spans) {
            // names a tag defines: only a statement tag can, and only from its start
            if (template.charAt(span[0] + 1) != '%' || !lm.region(span[0], span[1]).lookingAt()) {
                continue;
            }
            for (int g = 1; g <= 3; g++) {
                if (lm.group(g) != null) {
                    for (String p : lm.group(g).split(",")) {
                        String n = p.split("=")[0].trim();
                        if (!n.isEmpty()) {
                            locals.add(n);
                        }
                    }
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        Matcher c = CALL.matcher(template);
        for (int[] span : spans) {
            int paren = template.indexOf('(', span[0]);
            if (paren < 0 || paren >= span[1]) {
                continue; // no call in this tag
            }
            c.region(span[0], span[1]);
            while (c.find()) {
                String first = c.group(1);
                String member = c.group(2);
                if (JINJA_NAMES.contains(first) || locals.contains(first)) {
                    continue;
                }
                if (member == null) {
                    if (!globalMacroNames.contains(first) && !dispatchable.contains(first) && ctx.getGlobalMacro(first) == null) {
                        ctx.addGlobalMacro(placeholderMacro(first));
                        unknown.add(first);
                    }
                } else if (!namespaces.contains(first) && ctx.get(first) == null && !globalMacroNames.contains(first)) {
                    ctx.put(first, new PlaceholderNamespace(first));
                    unknown.add(first + "." + member);
                }
            }
        }
        return unknown;
    }

    private static final Pattern JINJA_EXPR = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);
    private static final Pattern REF_CALL = Pattern.compile("\\bref\\(\\s*(?:['\"][^'\"]*['\"]\\s*,\\s*)?['\"]([^'\"]+)['\"]");
    private static final Pattern SOURCE_CALL = Pattern.compile("\\bsource\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]");

    /**
     * The last resort when Jinjava fails on a file: every tag is blanked (its line breaks kept), expressions become
     * placeholders ({@code ref} and {@code source} still recognised), so the lines stay exact.
     */
    static String stripJinja(String template, RenderState state) {
        Matcher m = JINJA_EXPR.matcher(template);
        StringBuilder b = new StringBuilder(template.length());
        while (m.find()) {
            String tag = m.group();
            String replacement;
            if (tag.startsWith("{{")) {
                Matcher r = REF_CALL.matcher(tag);
                Matcher s = SOURCE_CALL.matcher(tag);
                if (r.find()) {
                    replacement = Placeholders.ref(r.group(1).toLowerCase(Locale.ROOT));
                    state.refs.add(r.group(1).toLowerCase(Locale.ROOT));
                } else if (s.find()) {
                    replacement = Placeholders.source(s.group(1).toLowerCase(Locale.ROOT), s.group(2).toLowerCase(Locale.ROOT));
                    state.sources.add((s.group(1) + "." + s.group(2)).toLowerCase(Locale.ROOT));
                } else if (tag.matches("(?s)\\{\\{-?\\s*(config|log|print|do)\\s*\\(.*")) {
                    replacement = "";
                } else {
                    replacement = Placeholders.UNKNOWN + "expr";
                }
            } else {
                replacement = "";
            }
            StringBuilder keep = new StringBuilder(replacement);
            tag.chars().filter(ch -> ch == '\n').forEach(ch -> keep.append('\n'));
            m.appendReplacement(b, Matcher.quoteReplacement(keep.toString()));
        }
        m.appendTail(b);
        return b.toString();
    }
}
