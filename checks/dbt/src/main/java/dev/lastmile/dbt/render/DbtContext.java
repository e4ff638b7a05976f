package dev.lastmile.dbt.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.model.Placeholders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dbt's Jinja context without a warehouse: {@code ref}, {@code source}, {@code config}, {@code var} (project vars,
 * then policy defaults, then the call's default, then a placeholder; a var holding Jinja is rendered where it is
 * used, as dbt does), {@code env_var} (its default or a placeholder, never the real environment),
 * {@code is_incremental}, {@code return}, {@code target} (the profile's values, never its secrets),
 * {@code run_started_at}, {@code modules}, {@code exceptions}, {@code api.Column}, and an {@code adapter} whose
 * warehouse calls return shaped placeholders. What a rendering records goes to its {@link RenderSession}.
 */
final class DbtContext {

    private final MacroLibrary library;
    private final DbtProject project;
    private final Map<String, Object> policyVars;
    private final String adapterType;

    private DbtContext(MacroLibrary library, DbtProject project, Map<String, Object> policyVars) {
        this.library = library;
        this.project = project;
        this.policyVars = policyVars;
        this.adapterType = project.dialect().id();
    }

    /** Installs dbt's built-ins for {@code project} into the global context {@code g}. */
    static void install(Context g, MacroLibrary library, DbtProject project, Map<String, Object> policyVars) {
        new DbtContext(library, project, policyVars).install(g);
    }

    private void install(Context g) {
        g.registerFunction(new com.hubspot.jinjava.lib.fn.ELFunctionDefinition("", "range", BoundedLoops.class,
                "boundedRange", Object.class, Object[].class));
        add(g, "ref", (a, k) -> {
            String model = a.isEmpty() ? String.valueOf(k.getOrDefault("name", "")) : String.valueOf(a.get(a.size() > 1 ? 1 : 0));
            RenderSession s = RenderSession.current();
            if (s != null) {
                s.refs.add(model.toLowerCase(Locale.ROOT));
            }
            return new RelationObject(Placeholders.ref(model.toLowerCase(Locale.ROOT)), model);
        });
        add(g, "source", (a, k) -> {
            String src = a.isEmpty() ? "" : String.valueOf(a.get(0));
            String table = a.size() > 1 ? String.valueOf(a.get(1)) : "";
            RenderSession s = RenderSession.current();
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
            RenderSession s = RenderSession.current();
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
            RenderSession s = RenderSession.current();
            Object[] slot = s == null ? null : s.returnSlots.peek();
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
        add(g, UNPACK, (a, k) -> unpacked(a));
        library.markGlobal(UNPACK);
        add(g, PyDatetime.ADD, (a, k) -> PyDatetime.add(a.isEmpty() ? null : a.get(0), a.size() > 1 ? a.get(1) : null,
                a.size() > 2 ? a.get(2) : 1));
        library.markGlobal(PyDatetime.ADD);
        for (String n : List.of("ref", "source", "config", "var", "env_var", "is_incremental", "log", "print", "return",
                "run_query", "load_result", "statement", "fromjson", "tojson", "fromyaml", "toyaml", "local_md5", "set",
                "generate_schema_name", "generate_alias_name", "generate_database_name")) {
            library.markGlobal(n);
        }
        g.put("execute", false);
        g.put("flags", Map.of("FULL_REFRESH", false, "WHICH", "compile"));
        g.put("invocation_id", "00000000-0000-0000-0000-000000000000");
        g.put("run_started_at", new PyDatetime.Value(PyDatetime.RUN_STARTED_AT, false));
        g.put("graph", Map.of("nodes", Map.of(), "sources", Map.of()));
        MacroLibrary.PlaceholderNamespace exceptions = new MacroLibrary.PlaceholderNamespace("exceptions");
        // both render nothing and are counted, so a default__ that only complains becomes a placeholder
        JavaMacro.Body complain = (a, k) -> {
            RenderSession s = RenderSession.current();
            if (s != null) {
                s.raised++;
            }
            return "";
        };
        exceptions.put("raise_compiler_error", new JavaMacro("raise_compiler_error", complain));
        exceptions.put("warn", new JavaMacro("warn", complain));
        g.put("exceptions", exceptions);
        library.markNamespace("exceptions");
        MacroLibrary.PlaceholderNamespace modules = new MacroLibrary.PlaceholderNamespace("modules");
        MacroLibrary.PlaceholderNamespace pytz = new MacroLibrary.PlaceholderNamespace("modules.pytz");
        pytz.put("timezone", new JavaMacro("timezone", (a, k) -> a.isEmpty() ? "UTC" : a.get(0)));
        pytz.put("utc", "UTC");
        modules.put("pytz", pytz);
        modules.put("datetime", PyDatetime.module());
        g.put("modules", modules);
        library.markNamespace("modules");
        MacroLibrary.PlaceholderNamespace api = new MacroLibrary.PlaceholderNamespace("api");
        api.put("Column", new ColumnApi(adapterType));
        g.put("api", api);
        library.markNamespace("api");
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
        g.put("adapter", new Adapter(adapterType));
        library.markNamespace("adapter");
    }

    /**
     * A var's list or dict (read from YAML as Java collections) with Python's methods, as dbt's Jinja sees it:
     * {@code var('cols', []).copy()}, {@code .index(x)}, {@code .count(x)}, {@code .items()}, {@code .keys()},
     * {@code .get(k, default)}, {@code .update(..)}. A copy, so a model that appends to it leaves the project's vars as
     * they were for the next model (dbt parses vars afresh for each node). Lists and dicts print as before.
     */
    static Object pythonic(Object value) {
        if (value instanceof List<?> l && !(l instanceof PyList)) {
            List<Object> items = new java.util.ArrayList<>(l.size());
            l.forEach(o -> items.add(pythonic(o)));
            return new PyList(items);
        }
        if (value instanceof Map<?, ?> m && !(m instanceof PyMap) && m.keySet().stream().allMatch(k -> k instanceof String)) {
            Map<String, Object> entries = new LinkedHashMap<>();
            m.forEach((k, v) -> entries.put((String) k, pythonic(v)));
            return new Dict(entries);
        }
        return value;
    }

    /** A Python dict that prints as the map it was read from (the output of models that print one stays the same). */
    public static final class Dict extends PyMap {
        Dict(Map<String, Object> entries) {
            super(entries);
        }

        @Override
        public String toString() {
            return toMap().toString();
        }
    }

    /** The built-in {@link TemplateRewrites#tupleAssignmentsUnpacked} calls: {@code __lm_unpack(value, index, name)}. */
    static final String UNPACK = "__lm_unpack";

    /**
     * One name of a tuple assignment: the value's item at the index when the value is a sequence long enough (as
     * Python unpacks it), else a placeholder named after the variable (a warehouse-dependent macro returned a
     * placeholder, not a tuple), so the SQL that uses the name still has an operand.
     */
    private static Object unpacked(List<Object> a) {
        Object value = a.isEmpty() ? null : a.get(0);
        int index = a.size() > 1 && a.get(1) instanceof Number n ? n.intValue() : 0;
        String name = a.size() > 2 ? String.valueOf(a.get(2)) : "value";
        if (value instanceof List<?> l && index < l.size()) {
            return l.get(index);
        }
        if (value instanceof Object[] arr && index < arr.length) {
            return arr[index];
        }
        return Placeholders.UNKNOWN + Placeholders.sanitize(name);
    }

    /**
     * A var's value as dbt's {@code var()} returns it: a string holding Jinja
     * ({@code '{{ run_started_at.strftime("%Y") }}'}) is rendered where it is used; anything else as it is.
     */
    private Object renderedVar(Object value) {
        if (!(value instanceof String s) || !s.contains("{{") && !s.contains("{%")) {
            return pythonic(value);
        }
        JinjavaInterpreter interp = JinjavaInterpreter.getCurrent();
        RenderSession session = RenderSession.current();
        if (interp == null || session == null || session.varDepth > 4) {
            return value;
        }
        session.varDepth++;
        try {
            // the var's Jinja is read as a model's is: the same rewrites first (date arithmetic, Python syntax)
            return interp.render(TemplateRewrites.apply(s, library::dispatchTarget));
        } finally {
            session.varDepth--;
        }
    }

    private void add(Context g, String name, JavaMacro.Body body) {
        g.addGlobalMacro(new JavaMacro(name, body));
    }

    /** {@code config(...)} records the model's configuration; {@code config.get('key')} reads it back. */
    public static final class ConfigMacro extends JavaMacro {
        ConfigMacro() {
            super("config", (a, k) -> {
                RenderSession s = RenderSession.current();
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
            RenderSession s = RenderSession.current();
            Object v = s == null ? null : s.config.get(String.valueOf(key));
            return v != null ? v : dflt.length > 0 ? dflt[0] : null;
        }

        public Object require(Object key) {
            return get(key);
        }
    }

    /** {@code adapter}: quoting and dispatch; everything that would ask the warehouse returns a placeholder. */
    public static final class Adapter {
        private final String adapterType;

        Adapter(String adapterType) {
            this.adapterType = adapterType;
        }

        public String quote(Object s) {
            return "\"" + s + "\"";
        }

        public Object dispatch(Object name, Object ns) {
            return MacroLibrary.placeholderMacro(String.valueOf(name));
        }

        public Object dispatch(Object name) {
            return MacroLibrary.placeholderMacro(String.valueOf(name));
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
}
