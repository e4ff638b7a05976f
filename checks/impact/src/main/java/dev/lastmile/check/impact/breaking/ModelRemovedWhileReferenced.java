package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.graph.ProjectGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IMP002: a model the change deletes or renames while another model, snapshot, exposure, semantic model or YAML test
 * at head still {@code ref()}s it by its old name. dbt then fails to compile the whole project. Reported at each
 * dependent's {@code ref()} (the deleted file has no line at head).
 */
public final class ModelRemovedWhileReferenced implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP002", "impact.breaking.model_removed_while_referenced", Category.IMPACT,
            Severity.HIGH,
            "A model is deleted or renamed while other nodes still ref() it",
            "dbt resolves every ref() when it compiles the project: one ref() to a model that no longer exists fails the "
                    + "whole run, not just the dependent model, and exposures and dashboards built on the dependents stop "
                    + "refreshing.",
            "Update every dependent to the new name (or remove it) in the same pull request, or keep the old model "
                    + "as a thin view over the new one and deprecate it (deprecation_date) before deleting it.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        Optional<ProjectGraph> base = change.baseGraph();
        if (base.isEmpty() || !base.get().project().isDbt()) {
            return List.of();
        }
        ProjectGraph graph = change.headGraph();
        Map<String, String> before = base.get().nodes();
        Map<String, String> after = graph.nodes();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, String> m : before.entrySet()) {
            String name = m.getKey();
            if (after.containsKey(name) || !change.touched(m.getValue()) || versionedAtHead(graph, name)) {
                continue;
            }
            String what = renamedTo(change, m.getValue()).map(n -> "renamed to `" + n + "`").orElse("deleted");
            for (ProjectGraph.Use use : graph.usesOf(name)) {
                out.add(Finding.of(META, use.path(), Region.line(use.line()),
                        "`" + name + "` is " + what + " (" + m.getValue() + ") but " + use.kind().label() + " "
                                + use.node() + " still ref()s it (line " + use.line() + "): dbt cannot compile the project."
                                + BlastRadius.exposuresSentence(graph, use))
                        .withStatus(FindingStatus.NEW)
                        .withProperty("impact.changed", name)
                        .withProperty("impact.dependents", use.node())
                        .withProperty("impact.exposures", String.join(",", BlastRadius.exposures(graph, use)))
                        .withProperty("impact.edges", edges(name, use, BlastRadius.exposures(graph, use)))
                        .withFingerprintKey(META.id() + ":" + name + ":" + use.kind() + ":" + use.node()));
            }
        }
        return out;
    }

    /**
     * A model that head declares with {@code versions:}: {@code ref('name')} resolves to its latest version, whose
     * file is {@code name_v2.sql} (or what {@code defined_in} says), so moving {@code name.sql} to
     * {@code name_v1.sql} removes nothing that a ref() names.
     */
    private static boolean versionedAtHead(ProjectGraph graph, String name) {
        return graph.properties().model(name).map(m -> !m.versions().isEmpty()).orElse(false);
    }

    /** The blast radius graph's edges: the removed model to its dependent, the dependent to the exposures it reaches. */
    private static String edges(String name, ProjectGraph.Use use, java.util.Set<String> exposures) {
        List<String> out = new ArrayList<>();
        String dependent = use.kind() == ProjectGraph.Kind.EXPOSURE ? "exposure:" + use.node() : use.node();
        out.add(name + ">" + dependent);
        if (use.kind() != ProjectGraph.Kind.EXPOSURE) {
            exposures.forEach(e -> out.add(use.node() + ">exposure:" + e));
        }
        return String.join(",", out);
    }

    /** The model name a deleted model file was renamed to, when git saw a rename. */
    private static Optional<String> renamedTo(ImpactContext change, String basePath) {
        for (ChangedFile f : change.changedFiles()) {
            if (f.kind() == ChangedFile.Kind.RENAMED && f.previousPath().equals(basePath)) {
                return Optional.of(DbtProject.modelName(f.path()));
            }
        }
        return Optional.empty();
    }
}
