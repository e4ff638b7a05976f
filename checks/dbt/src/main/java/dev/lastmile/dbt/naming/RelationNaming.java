package dev.lastmile.dbt.naming;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.RelationMeta;
import dev.lastmile.dbt.model.Placeholders;
import dev.lastmile.dbt.profile.Profiles;
import dev.lastmile.dbt.render.JinjaRenderer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where dbt writes each model for one profile target: {@code database.schema.alias} as {@code generate_database_name},
 * {@code generate_schema_name} and {@code generate_alias_name} compute it from the model's configuration
 * ({@code config()}, {@code schema.yml}, {@code dbt_project.yml} folders). Without a project override, dbt's defaults
 * ({@code <target.schema>_<custom>}; database = custom or {@code target.database}) are computed directly; a project's
 * own macros are called through the project's one {@link JinjaRenderer}, with {@code target} set to this target.
 */
public final class RelationNaming {

    /**
     * Where a model is written.
     *
     * @param enabled      false when its config (or its folder's) disables it: dbt never builds it
     * @param materialized its materialization, or empty when none is configured
     */
    public record Written(String database, String schema, String alias, String materialized, boolean enabled) {
        public boolean ephemeral() {
            return materialized.equalsIgnoreCase("ephemeral");
        }
    }

    private final DbtProject project;
    private final JinjaRenderer renderer;
    private final Map<String, Object> target;
    private volatile String lastError = "";

    /**
     * @param target the profile target models are written by (the residency policy's, else the default); empty for
     *               none, when names rest on the project's configuration alone
     */
    public RelationNaming(DbtProject project, JinjaRenderer renderer, Optional<Profiles.Target> target) {
        this.project = project;
        this.renderer = renderer;
        this.target = targetMap(target);
    }

    /** The target as dbt's Jinja sees it: its settings, its name, {@code database} and {@code schema} always present. */
    static Map<String, Object> targetMap(Optional<Profiles.Target> target) {
        Map<String, Object> out = new LinkedHashMap<>();
        target.ifPresent(t -> {
            out.putAll(t.settings());
            out.put("name", t.name());
            out.putIfAbsent("database", t.settings().getOrDefault("project", t.settings().getOrDefault("dbname", "")));
            out.putIfAbsent("schema", t.settings().getOrDefault("dataset", ""));
        });
        return out;
    }

    /** The target's database (BigQuery project), lower case; empty when unknown. */
    public String targetDatabase() {
        return str(target.get("database"));
    }

    /** Where the model at {@code path} is written, given the {@code config()} its rendering recorded. */
    public Written written(String path, Map<String, Object> config) {
        String name = DbtProject.modelName(path);
        boolean enabled = firstString(config, "enabled").or(() -> project.folderConfig(path, "enabled"))
                .filter(v -> v.equalsIgnoreCase("false")).isEmpty();
        String customDb = firstString(config, "database", "project").orElseGet(() ->
                project.folderConfig(path, "database").or(() -> project.folderConfig(path, "project")).orElse(null));
        String customSchema = firstString(config, "schema", "dataset").orElseGet(() ->
                project.model(name).map(RelationMeta::schema).filter(s -> !s.isEmpty())
                        .or(() -> project.folderConfig(path, "schema")).or(() -> project.folderConfig(path, "dataset")).orElse(null));
        String customAlias = firstString(config, "alias").orElse(null);
        String materialized = firstString(config, "materialized").or(() -> project.folderConfig(path, "materialized")).orElse("");
        // snapshots name their target directly, without the naming macros
        Optional<String> snapshotSchema = firstString(config, "target_schema").or(() -> project.folderConfig(path, "target_schema"));
        Optional<String> snapshotDb = firstString(config, "target_database", "target_project")
                .or(() -> project.folderConfig(path, "target_database"));
        String database = snapshotDb.orElseGet(() -> database(customDb, name, path));
        String schema = snapshotSchema.orElseGet(() -> schema(customSchema, name, path));
        return new Written(database, schema, alias(customAlias, name, path), materialized, enabled);
    }

    public String database(String custom, String modelName, String path) {
        String dflt = custom != null ? custom.trim() : str(target.get("database"));
        return overridden("generate_database_name") ? eval("generate_database_name", custom, modelName, path).orElse(dflt) : dflt;
    }

    public String schema(String custom, String modelName, String path) {
        if (!overridden("generate_schema_name")) {
            String base = str(target.get("schema"));
            return custom == null ? base : base + "_" + custom.trim();
        }
        return eval("generate_schema_name", custom, modelName, path).orElse(str(target.get("schema")));
    }

    public String alias(String custom, String modelName, String path) {
        String dflt = custom != null ? custom.trim() : modelName;
        return overridden("generate_alias_name") ? eval("generate_alias_name", custom, modelName, path).orElse(dflt) : dflt;
    }

    /** Whether the project defines its own naming macros (for findings that explain a name). */
    public boolean overridden() {
        return overridden("generate_schema_name") || overridden("generate_database_name") || overridden("generate_alias_name");
    }

    private boolean overridden(String macro) {
        return renderer.projectDefines(macro);
    }

    private Optional<String> eval(String macro, String custom, String modelName, String path) {
        Map<String, Object> locals = new HashMap<>();
        locals.put("target", target);
        locals.put("custom", custom);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", modelName);
        node.put("path", path);
        node.put("original_file_path", path);
        node.put("resource_type", "model");
        node.put("fqn", List.of(path.replaceAll("\\.(sql|py)$", "").split("/")));
        node.put("config", Map.of());
        locals.put("node", node);
        return renderer.evaluate(macro + "(custom, node)", locals, e -> lastError = e);
    }

    /** The last evaluation's failure, or empty: a check says the project's naming macro could not be evaluated. */
    public String lastError() {
        return lastError;
    }

    /** The first of {@code keys} that the config sets to plain text (not a placeholder the renderer left). */
    public static Optional<String> firstString(Map<String, Object> config, String... keys) {
        for (String k : keys) {
            Object v = config.get(k);
            if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>) && !String.valueOf(v).isBlank()
                    && !Placeholders.holdsUnknown(String.valueOf(v))) {
                return Optional.of(String.valueOf(v).trim());
            }
        }
        return Optional.empty();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
