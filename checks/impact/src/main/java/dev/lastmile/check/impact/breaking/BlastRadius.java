package dev.lastmile.check.impact.breaking;

import dev.lastmile.dbt.graph.ProjectGraph;
import java.util.Set;
import java.util.TreeSet;

/** The exposures a broken dependent reaches, as the sentence findings end with. */
final class BlastRadius {

    private BlastRadius() {
    }

    /** The exposures downstream of the node that uses the change: itself when it is one, else through models. */
    static Set<String> exposures(ProjectGraph graph, ProjectGraph.Use use) {
        Set<String> out = new TreeSet<>();
        if (use.kind() == ProjectGraph.Kind.EXPOSURE) {
            out.add(use.node());
        } else if (use.kind() == ProjectGraph.Kind.MODEL || use.kind() == ProjectGraph.Kind.SNAPSHOT) {
            out.addAll(graph.exposuresDownstreamOf(use.node()));
        }
        return out;
    }

    /** " Exposures reached: a, b." or "" when none. */
    static String exposuresSentence(ProjectGraph graph, ProjectGraph.Use use) {
        Set<String> e = exposures(graph, use);
        if (e.isEmpty()) {
            return "";
        }
        return (e.size() == 1 ? " Exposure reached: " : " Exposures reached: ") + String.join(", ", e) + ".";
    }
}
