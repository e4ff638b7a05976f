package dev.lastmile.dbt.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.Placeholders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's macro library and dbt's dispatch over it: the macros of the project (global, and callable as
 * {@code <project>.macro()}) and of its installed packages (as {@code <package>.macro()}, and global unless the
 * project defines the name), dbt's own naming macros, {@code adapter.dispatch} resolved as dbt resolves it, and a
 * placeholder for every macro or namespace nobody defines, so a call never renders to nothing. Built from the
 * {@link DbtProject} it is given: each project of a repository gets its own library.
 */
final class MacroLibrary {

    /** Names Jinja itself provides; never replaced by placeholders. */
    private static final Set<String> JINJA_NAMES = Set.of(
            "range", "dict", "list", "namespace", "cycler", "joiner", "lipsum", "caller", "super", "loop", "zip",
            "varargs", "kwargs", "self", "true", "false", "none", "True", "False", "None", "if", "for", "in", "not",
            "and", "or", "is", "set", "do", "macro", "call", "filter", "raw", "endraw", "return", "print", "str", "int",
            "float", "bool", "len", "max", "min", "sum", "abs", "round", "sorted", "type", "tuple", "enumerate");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.|'\"])([A-Za-z_]\\w*)(?:\\.([A-Za-z_]\\w*))?\\s*\\(");
    private static final Pattern LOCAL = Pattern.compile(
            "\\{%-?\\s*(?:set|for)\\s+([A-Za-z_]\\w*)(?:\\s*,\\s*([A-Za-z_]\\w*))?|\\{%-?\\s*macro\\s+\\w+\\s*\\(([^)]*)\\)");

    private final Jinjava jinjava;
    private final Set<String> globalMacroNames = new HashSet<>();
    private final Set<String> namespaces = new HashSet<>();
    private final List<String> dispatchAdapters;

    MacroLibrary(Jinjava jinjava, String adapterType) {
        this.jinjava = jinjava;
        this.dispatchAdapters = dispatchAdapters(adapterType);
    }

    /** Records that the global context defines {@code name} (a built-in): never a placeholder. */
    void markGlobal(String name) {
        globalMacroNames.add(name);
    }

    /** Records that the global context defines the namespace {@code name} ({@code modules}, {@code adapter}). */
    void markNamespace(String name) {
        namespaces.add(name);
    }

    /** Loads the project's and its packages' macros into the global context, after the built-ins. */
    void load(DbtProject project, ProjectFiles files) {
        Context g = jinjava.getGlobalContext();
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
    }

    /**
     * A project or package macro as dbt calls it: when its body calls {@code return(x)}, the call evaluates to
     * {@code x} (so {@code {% for c in get_columns() %}} loops over a list, not over the characters of its text).
     */
    static MacroFunction returning(MacroFunction macro) {
        return new JavaMacro(macro.getName(), (a, k) -> {
            Object[] call = callArguments(a, k);
            Object[] slot = new Object[2];
            RenderSession session = RenderSession.current();
            java.util.ArrayDeque<Object[]> slots = session == null ? new java.util.ArrayDeque<>() : session.returnSlots;
            slots.push(slot);
            try {
                Object out = macro.evaluate(call);
                if (slot[1] == Boolean.TRUE) {
                    return slot[0];
                }
                // a macro whose return() sat behind `if execute` rendered only whitespace: that is nothing, not a
                // string to loop over character by character
                return out instanceof String str && str.isBlank() ? DbtContext.Blank.INSTANCE : out;
            } finally {
                slots.pop();
            }
        });
    }

    /** Positional and keyword arguments as {@link MacroFunction#evaluate} takes them. */
    static Object[] callArguments(List<Object> a, Map<String, Object> k) {
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
            RenderSession session = RenderSession.current();
            int before = session == null ? 0 : session.raised;
            Object out = impl == null ? null : impl.evaluate(callArguments(a, k));
            boolean blank = out == null || out instanceof DbtContext.Blank || out instanceof String str && str.isBlank();
            if (impl == null || blank && session != null && session.raised > before) {
                return placeholder.evaluate(callArguments(a, k));
            }
            return out;
        });
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
            String pre = TemplateRewrites.apply(text, this::dispatchTarget);
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
    static final class PlaceholderNamespace extends HashMap<String, Object> {
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
                if (o instanceof DbtContext.RelationObject || !SIMPLE_ARG.matcher(s).matches()) {
                    continue;
                }
                args.append(args.isEmpty() ? "" : ", ").append(s);
            }
            return args.isEmpty() ? ph : ph + "(" + args + ")";
        });
    }

    static MacroFunction builtinStar() {
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

    /**
     * The macro {@code adapter.dispatch('x')} calls, searched as dbt does: {@code <adapter>__x}, then the adapters it
     * inherits from (Redshift's {@code postgres__x}, Databricks' {@code spark__x}), then {@code default__x} (through
     * {@link #FALLBACK}, see {@link #fallbackMacro}); a placeholder when none exists.
     */
    String dispatchTarget(String name) {
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


    /** Defines every macro or namespace the template calls that nobody provides, as a placeholder. */
    List<String> registerUnknown(Context ctx, String template) {
        List<int[]> spans = JinjaTokenizer.tagSpans(template);
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
}
