package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IMP032: an incremental model, added or changed by the pull request, that merges new rows into its table without a
 * {@code unique_key}. Strategies that do not merge by key ({@code append}, {@code insert_overwrite},
 * {@code microbatch}) are quiet; the adapter's default strategy is judged like a merge.
 */
final class IncrementalWithoutUniqueKey implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP032", "impact.readiness.incremental_without_unique_key",
            Category.READINESS, Severity.MEDIUM,
            "An incremental model that merges without a unique_key",
            "Without a unique_key, dbt's merge and delete+insert strategies cannot match a re-processed row to the one "
                    + "already in the table, so they insert it again: every late-arriving record, lookback window or "
                    + "retried run duplicates rows, and every total built on the model grows with each run.",
            "Set config(unique_key=...) to the column(s) a row is unique on (and test it), or say the model only "
                    + "appends: incremental_strategy='append' (or insert_overwrite by partition, or microbatch).");

    /** Strategies that replace or add rows without matching them by key. */
    private static final Set<String> KEYLESS = Set.of("append", "insert_overwrite", "microbatch");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        List<Finding> out = new ArrayList<>();
        DbtProject project = change.head().project();
        for (Touched.Model m : Touched.models(change, false)) {
            Optional<FileAnalysis> a = change.head().analyzer().analyze(m.path());
            if (a.isEmpty()) {
                continue;
            }
            Map<String, Object> config = a.get().rendered().config();
            if (!DbtAnalyzer.incrementalMaterialization(project, m.path(), config)) {
                continue;
            }
            String strategy = setting(config, project, m.path(), "incremental_strategy").toLowerCase(Locale.ROOT);
            if (KEYLESS.contains(strategy)) {
                continue;
            }
            boolean keyed = !setting(config, project, m.path(), "unique_key").isBlank()
                    || project.model(m.name()).map(r -> r.uniqueKeys().stream()
                            .anyMatch(k -> k.source() == UniqueKey.Source.CONFIG)).orElse(false);
            if (keyed) {
                continue;
            }
            Optional<String> text = change.scan().readHead(m.path());
            int line = Touched.lineOf(text, "materialized\\s*=\\s*['\"]incremental");
            if (line == 1) {
                line = Touched.lineOf(text, "config\\s*\\(");
            }
            String how = strategy.isEmpty() ? "the adapter's default strategy (a merge on most warehouses)"
                    : "incremental_strategy '" + strategy + "'";
            out.add(Finding.of(META, m.path(), Region.line(line), "Incremental model `" + m.name() + "` merges with "
                            + how + " but has no unique_key: re-processed rows are inserted again as duplicates.")
                    .withStatus(Touched.status(m, line))
                    .withFingerprintKey(META.id() + ":" + m.name()));
        }
        return out;
    }

    /** A config value from {@code config()}, else the folder's {@code +key} in dbt_project.yml, else empty. */
    private static String setting(Map<String, Object> config, DbtProject project, String path, String key) {
        Object v = config.get(key);
        if (v != null) {
            String s = String.valueOf(v);
            return s.equals("[]") || s.equalsIgnoreCase("none") || s.equalsIgnoreCase("null") ? "" : s;
        }
        return project.folderConfig(path, key).orElse("");
    }
}
