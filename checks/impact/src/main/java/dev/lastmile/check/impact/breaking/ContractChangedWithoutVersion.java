package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.graph.ModelColumns;
import dev.lastmile.dbt.graph.ProjectGraph;
import dev.lastmile.dbt.graph.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * IMP003: a model whose contract is enforced (at base) loses a column or changes a column's {@code data_type} while
 * its versions stay as they were: no new entry under {@code versions:} (and so no new {@code latest_version}).
 * Consumers of a contracted model rely on its shape; dbt's own answer to a breaking change is a new version.
 * Adding a column is not a breaking change and stays quiet.
 */
public final class ContractChangedWithoutVersion implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP003", "impact.breaking.contract_changed_without_version",
            Category.IMPACT, Severity.HIGH,
            "An enforced contract loses a column or changes a type without a new model version",
            "An enforced contract is a promise to the model's consumers (other teams, other projects, BI tools) about "
                    + "its columns and types. Removing a column or changing a type breaks that promise in place: "
                    + "every consumer breaks at once, with no version to stay on while it migrates.",
            "Add a new version of the model (versions: - v: 2 with the new columns, and latest_version) and keep "
                    + "the old version until its consumers have moved (set a deprecation_date on it); or keep the "
                    + "column and its type.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        Optional<ProjectGraph> baseGraph = change.baseGraph();
        if (baseGraph.isEmpty()) {
            return List.of();
        }
        ProjectGraph headGraph = change.headGraph();
        List<Finding> out = new ArrayList<>();
        for (Properties.Model before : baseGraph.get().properties().models().values()) {
            Optional<Properties.Model> afterOpt = headGraph.properties().model(before.name());
            if (!before.contractEnforced() || afterOpt.isEmpty() || !afterOpt.get().contractEnforced()
                    || !(change.touched(before.file()) || change.touched(afterOpt.get().file()))) {
                continue;
            }
            Properties.Model after = afterOpt.get();
            if (newVersion(before, after)) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            int line = 0;
            for (Properties.Column c : before.columns().values()) {
                Optional<Properties.Column> now = after.column(c.name());
                if (now.isEmpty()) {
                    problems.add("column `" + c.name() + "` removed");
                    line = line == 0 ? after.line() : line;
                } else if (!c.dataType().isEmpty() && !now.get().dataType().isEmpty()
                        && !ModelColumns.normaliseType(c.dataType()).equals(ModelColumns.normaliseType(now.get().dataType()))) {
                    problems.add("`" + c.name() + "` data_type " + c.dataType() + " → " + now.get().dataType());
                    line = line == 0 || line == after.line() ? now.get().dataTypeLine() : line;
                }
            }
            if (problems.isEmpty()) {
                continue;
            }
            Set<String> dependents = new TreeSet<>();
            for (ProjectGraph.Use u : headGraph.usesOf(after.name())) {
                dependents.add(u.kind().label() + " " + u.node());
            }
            String consumers = dependents.isEmpty() ? "" : " Dependents in this project: " + String.join(", ", dependents) + ".";
            out.add(Finding.of(META, after.file(), Region.line(line), "The enforced contract of " + after.name() + " changes "
                    + "without a new model version: " + String.join("; ", problems) + "." + consumers
                    + " Add a version (versions: - v: " + nextVersion(after) + ", latest_version) instead of changing it in place.")
                    .withStatus(FindingStatus.NEW)
                    .withFingerprintKey(META.id() + ":" + after.name()));
        }
        return out;
    }

    /** True when the head declares a version the base did not have. */
    private static boolean newVersion(Properties.Model before, Properties.Model after) {
        Set<String> was = new TreeSet<>();
        before.versions().forEach(v -> was.add(v.v()));
        for (Properties.Version v : after.versions()) {
            if (!was.contains(v.v())) {
                return true;
            }
        }
        return false;
    }

    private static String nextVersion(Properties.Model m) {
        int max = 1;
        for (Properties.Version v : m.versions()) {
            try {
                max = Math.max(max, Integer.parseInt(v.v().trim()));
            } catch (NumberFormatException e) {
                // a non-numeric version: suggest the next number anyway
            }
        }
        return String.valueOf(max + 1);
    }
}
