package dev.lastmile.check.residency.dbt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a model's database and schema the way dbt does: {@code generate_database_name} and
 * {@code generate_schema_name} called with the configured name (or none) and the node. Without an override, dbt's
 * defaults ({@code <target.schema>_<custom>}, database = custom or {@code target.database}) are computed directly;
 * when the project defines its own macros, they are evaluated with Jinjava against the production target.
 */
public final class SchemaNaming {

    private static final Pattern DEFINES = Pattern.compile("\\{%-?\\s*macro\\s+(generate_schema_name|generate_database_name|generate_alias_name)\\s*\\(");

    /** dbt's own macros, so an override can call {@code default__generate_schema_name(...)}. */
    private static final String BUILTINS = """
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

    private final Map<String, Object> target;
    private final String macros;
    private final boolean overridesSchema;
    private final boolean overridesDatabase;
    private final boolean overridesAlias;
    private final Jinjava jinjava;
    private final Map<String, Object> vars;

    /** Set by the last evaluation that failed, for the report. */
    private volatile String lastError = "";

    /**
     * @param target     the production target's settings ({@code database}/{@code project}, {@code schema}/{@code dataset}, name)
     * @param macroTexts the text of the project's macro files that define naming macros
     */
    public SchemaNaming(Map<String, Object> target, List<String> macroTexts, Map<String, Object> vars) {
        this.target = target;
        this.vars = vars;
        StringBuilder sb = new StringBuilder(BUILTINS);
        boolean s = false;
        boolean d = false;
        boolean a = false;
        for (String t : macroTexts) {
            var m = DEFINES.matcher(t);
            boolean any = false;
            while (m.find()) {
                any = true;
                s |= m.group(1).equals("generate_schema_name");
                d |= m.group(1).equals("generate_database_name");
                a |= m.group(1).equals("generate_alias_name");
            }
            if (any) {
                // dbt's return() ends a macro with a value; rendering it as output gives the same string here
                sb.append(t.replaceAll("\\breturn\\s*\\(", "__lm_return(")).append('\n');
            }
        }
        this.macros = sb.toString();
        this.overridesSchema = s;
        this.overridesDatabase = d;
        this.overridesAlias = a;
        this.jinjava = (s || d || a) ? newJinjava() : null;
        if (jinjava != null) {
            defineMacros();
        }
    }

    /** Parses the macros once into the global context, so each model's evaluation renders one short call. */
    private void defineMacros() {
        try {
            var interpreter = jinjava.newInterpreter();
            interpreter.render(macros);
            interpreter.getContext().getGlobalMacros().values().forEach(m -> jinjava.getGlobalContext().addGlobalMacro(m));
            macrosDefined = true;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private boolean macrosDefined;

    /** Whether a naming macro of the project itself was defined (for documentation in findings). */
    public boolean overridden() {
        return jinjava != null;
    }

    private static Jinjava newJinjava() {
        Jinjava j = new Jinjava(JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(64 * 1024)
                .withMaxRenderDepth(10)
                .withMaxMacroRecursionDepth(10)
                .build());
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "env_var", SchemaNaming.class, "envVar", String.class, String.class));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "__lm_return", SchemaNaming.class, "returnValue", Object.class));
        return j;
    }

    /** {@code env_var('X', 'default')}: the default, since the environment of the run is not known. */
    public static String envVar(String name, String dflt) {
        return dflt == null ? "" : dflt;
    }

    public static String returnValue(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    public String database(String custom, String modelName, String path) {
        if (!overridesDatabase) {
            return custom != null ? custom.trim() : str(target.get("database"));
        }
        return eval("generate_database_name", custom, modelName, path).orElse(custom != null ? custom.trim() : str(target.get("database")));
    }

    public String schema(String custom, String modelName, String path) {
        if (!overridesSchema) {
            String base = str(target.get("schema"));
            return custom == null ? base : base + "_" + custom.trim();
        }
        return eval("generate_schema_name", custom, modelName, path).orElse(str(target.get("schema")));
    }

    public String alias(String custom, String modelName, String path) {
        if (!overridesAlias) {
            return custom != null ? custom.trim() : modelName;
        }
        return eval("generate_alias_name", custom, modelName, path).orElse(custom != null ? custom.trim() : modelName);
    }

    private Optional<String> eval(String macro, String custom, String modelName, String path) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("target", target);
        ctx.put("custom", custom);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", modelName);
        node.put("path", path);
        node.put("original_file_path", path);
        node.put("resource_type", "model");
        node.put("fqn", List.of(path.replaceAll("\\.sql$", "").split("/")));
        node.put("config", Map.of());
        ctx.put("node", node);
        ctx.put("var", vars);
        try {
            String out = jinjava.render((macrosDefined ? "" : macros) + "{{ " + macro + "(custom, node) }}", ctx).strip();
            return out.isEmpty() || out.contains("{{") ? Optional.empty() : Optional.of(out);
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    public String lastError() {
        return lastError;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
