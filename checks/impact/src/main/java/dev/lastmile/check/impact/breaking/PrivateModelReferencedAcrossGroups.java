package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.graph.ProjectGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IMP004: a {@code ref()} to a model whose access is {@code private} from a node outside the model's group (or in no
 * group). dbt refuses such a reference when it parses the project; reported at the {@code ref()} the change adds, or
 * at the line that makes the model private or moves it to another group. A violation the base already had is not
 * this change's.
 */
public final class PrivateModelReferencedAcrossGroups implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP004", "impact.breaking.private_model_referenced", Category.IMPACT,
            Severity.HIGH,
            "A private model is referenced from outside its group",
            "access: private says a model is an implementation detail of its group, free to change without notice. A "
                    + "ref() from another group couples that group to it: dbt rejects the project at parse time, and "
                    + "if the access is loosened instead, the owning team can no longer change its model safely.",
            "Reference the group's public (or protected) model instead, ask the owning group to expose what you "
                    + "need, or move the referencing model into the group.");

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
        ProjectGraph head = change.headGraph();
        Set<String> before = new HashSet<>();
        for (Violation v : violations(change, baseGraph.get())) {
            before.add(v.use().node() + "→" + v.use().model());
        }
        List<Finding> out = new ArrayList<>();
        for (Violation v : violations(change, head)) {
            if (before.contains(v.use().node() + "→" + v.use().model())) {
                continue;
            }
            ProjectGraph.Use u = v.use();
            String from = v.fromGroup().map(g -> "group " + g).orElse("no group");
            out.add(Finding.of(META, u.path(), Region.line(u.line()), u.kind().label() + " " + u.node() + " (" + from
                    + ") refs " + u.model() + ", which is private to group " + v.toGroup() + " (" + v.where()
                    + "): dbt rejects the reference.")
                    .withStatus(FindingStatus.NEW)
                    .withFingerprintKey(META.id() + ":" + u.node() + ":" + u.model()));
        }
        return out;
    }

    record Violation(ProjectGraph.Use use, Optional<String> fromGroup, String toGroup, String where) {
    }

    static List<Violation> violations(ImpactContext change, ProjectGraph graph) {
        List<Violation> out = new ArrayList<>();
        Access access = new Access(graph, change);
        for (String model : graph.nodes().keySet()) {
            Optional<Access.Setting> target = access.of(model);
            if (target.isEmpty() || !target.get().access().equalsIgnoreCase("private") || target.get().group().isEmpty()) {
                continue;
            }
            String group = target.get().group().get();
            for (ProjectGraph.Use u : graph.usesOf(model)) {
                if (u.kind() == ProjectGraph.Kind.TEST || u.kind() == ProjectGraph.Kind.SEMANTIC_MODEL
                        || u.kind() == ProjectGraph.Kind.EXPOSURE) {
                    continue; // dbt allows these (tests and metadata nodes are not models reading a private one)
                }
                Optional<String> fromGroup = access.groupOf(u.node());
                if (fromGroup.map(group::equals).orElse(false)) {
                    continue;
                }
                out.add(new Violation(u, fromGroup, group, target.get().where()));
            }
        }
        return out;
    }
}
