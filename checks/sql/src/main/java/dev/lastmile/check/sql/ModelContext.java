package dev.lastmile.check.sql;

import dev.lastmile.check.sql.pii.PiiCatalog;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.model.Query;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One SQL file as the rules see it: its analysis, whether it is a model and where it stands (restricted to hold
 * PII, or a final model others consume), and the project-wide catalog.
 *
 * @param path       repository path
 * @param analysis   rendered and parsed
 * @param analyzer   the project's analyzer (to follow {@code ref()} into other models)
 * @param catalog    PII and column knowledge of every relation
 * @param policy     the {@code sql:} policy
 * @param isModel    a dbt model (or any SQL file of a plain repository), not a macro, test or analysis
 * @param restricted the model may hold PII (restricted path or schema, or marked so in its metadata)
 * @param exposed    a final model: under an exposed path, or named by an exposure
 * @param memo       what several rules derive from the same query of this file, derived once
 */
public record ModelContext(String path, FileAnalysis analysis, DbtAnalyzer analyzer, PiiCatalog catalog,
                           SqlPolicy policy, boolean isModel, boolean restricted, boolean exposed, Memo memo) {

    /**
     * Results derived from one query of this file, by kind, computed by whichever rule asks first (the three
     * temporal rules read the same time windows; a query's windows read its CTEs' windows). One file's rules run on
     * one thread; a derivation may ask for another query's.
     */
    public static final class Memo {
        private final Map<Object, Map<Query, Object>> byKind = new HashMap<>();

        @SuppressWarnings("unchecked")
        public synchronized <V> V get(Object kind, Query q, java.util.function.Function<Query, V> derive) {
            Map<Query, Object> known = byKind.computeIfAbsent(kind, k -> new java.util.IdentityHashMap<>());
            Object v = known.get(q);
            if (v == null) {
                v = derive.apply(q);
                known.put(q, v);
            }
            return (V) v;
        }
    }

    public DbtProject project() {
        return analyzer.projectOf(path);
    }

    public String modelName() {
        return DbtProject.modelName(path);
    }

    /**
     * The custom schema the model is configured into, lower case: its own {@code config(schema=...)}, else the
     * nearest {@code +schema} of dbt_project.yml's folder config, else its properties file; empty when none.
     */
    public String configuredSchema() {
        Object own = analysis.rendered().config().get("schema");
        return String.valueOf(own != null ? own : project().folderConfig(path, "schema")
                .orElse(project().model(modelName()).map(m -> m.schema()).orElse(""))).toLowerCase(Locale.ROOT);
    }

    /** A finding of {@code rule} on the source line of a full-build rendered line. */
    public Finding at(RuleMeta rule, int renderedLine, String message) {
        return Finding.of(rule, path, Region.line(analysis.sourceLine(renderedLine)), message);
    }

    static ModelContext of(String path, FileAnalysis a, DbtAnalyzer analyzer, PiiCatalog catalog, SqlPolicy policy) {
        DbtProject project = analyzer.projectOf(path);
        boolean isModel = project.isModel(path);
        String name = DbtProject.modelName(path);
        Map<String, Object> config = a.rendered().config();
        String schema = String.valueOf(config.getOrDefault("schema", project.folderConfig(path, "schema")
                .orElse(project.model(name).map(m -> m.schema()).orElse("")))).toLowerCase(Locale.ROOT);
        boolean restricted = policy.isRestrictedPath(path)
                || policy.restrictedSchemas().contains(schema)
                || project.model(name).map(m -> m.restricted()).orElse(false)
                || mentionsPii(config.get("meta")) || mentionsPii(config.get("tags"));
        boolean exposed = policy.isExposedPath(path) || project.exposedModels().contains(name);
        return new ModelContext(path, a, analyzer, catalog, policy, isModel, restricted, exposed, new Memo());
    }

    private static boolean mentionsPii(Object o) {
        if (o == null) {
            return false;
        }
        String s = String.valueOf(o).toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("contains_pii=true") || s.contains("pii=true") || s.contains("restricted=true")
                || s.matches(".*\\b(pii|restricted|sensitive)\\b.*") && !(o instanceof Map<?, ?>);
    }
}
