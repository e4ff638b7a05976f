package dev.lastmile.core.output;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pull-request summary's short "Blast radius" section: for each new finding that carries a change's dependents
 * (the impact family's breaking-change rules set the {@code impact.*} properties below), what changed, how many
 * dependents break, which exposures they reach, and a Mermaid graph of it all when it stays small. Any family may set
 * the properties; the summary knows nothing of dbt.
 */
final class BlastRadiusSection {

    /** What changed, as shown: {@code stg_orders.amount}. */
    static final String CHANGED = "impact.changed";
    /** The dependents that break, comma-separated names. */
    static final String DEPENDENTS = "impact.dependents";
    /** The exposures they reach, comma-separated names. */
    static final String EXPOSURES = "impact.exposures";
    /** The graph's edges, comma-separated {@code from>to} pairs; an exposure's name is prefixed {@code exposure:}. */
    static final String EDGES = "impact.edges";

    /** At most this many edges are drawn; a larger blast radius is listed, not drawn. */
    static final int MAX_EDGES = 20;
    static final int MAX_ROWS = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,120}");

    private BlastRadiusSection() {
    }

    static String render(List<Finding> findings) {
        List<Finding> changes = findings.stream()
                .filter(f -> f.status() == FindingStatus.NEW && f.properties().containsKey(DEPENDENTS))
                .toList();
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n### Blast radius\n\n| Change | Where | Breaks | Exposures reached |\n|---|---|---|---|\n");
        Set<String> edges = new LinkedHashSet<>();
        int rows = 0;
        for (Finding f : changes) {
            List<String> dependents = names(f.properties().get(DEPENDENTS));
            List<String> exposures = names(f.properties().get(EXPOSURES));
            if (rows++ < MAX_ROWS) {
                b.append("| `").append(MarkdownSummary.escapeCode(f.properties().getOrDefault(CHANGED, f.ruleId())))
                        .append("` (").append(f.ruleId()).append(") | `")
                        .append(MarkdownSummary.escapeCode(f.path())).append(':').append(f.line()).append("` | ")
                        .append(dependents.size()).append(dependents.isEmpty() ? "" : ": " + MarkdownSummary.cell(String.join(", ", dependents)))
                        .append(" | ").append(exposures.isEmpty() ? "—" : MarkdownSummary.cell(String.join(", ", exposures))).append(" |\n");
            }
            for (String e : names(f.properties().get(EDGES))) {
                int gt = e.indexOf('>');
                if (gt > 0 && NAME.matcher(e.substring(0, gt)).matches() && NAME.matcher(e.substring(gt + 1)).matches()) {
                    edges.add(e);
                }
            }
        }
        if (changes.size() > MAX_ROWS) {
            b.append("\n_").append(changes.size() - MAX_ROWS).append(" more changes with dependents are in the findings below._\n");
        }
        if (!edges.isEmpty() && edges.size() <= MAX_EDGES) {
            b.append("\n```mermaid\ngraph LR\n");
            Map<String, String> ids = new LinkedHashMap<>();
            for (String e : edges) {
                int gt = e.indexOf('>');
                String from = node(ids, e.substring(0, gt), b);
                String to = node(ids, e.substring(gt + 1), b);
                b.append("  ").append(from).append(" --> ").append(to).append('\n');
            }
            b.append("```\n");
        }
        return b.toString();
    }

    /** Declares a node the first time it is seen: exposures as stadiums, the rest as boxes. */
    private static String node(Map<String, String> ids, String name, StringBuilder b) {
        String id = ids.get(name);
        if (id == null) {
            id = "n" + ids.size();
            ids.put(name, id);
            boolean exposure = name.startsWith("exposure:");
            String label = exposure ? name.substring("exposure:".length()) : name;
            b.append("  ").append(id).append(exposure ? "([\"" : "[\"").append(label).append(exposure ? "\"])" : "\"]").append('\n');
        }
        return id;
    }

    private static List<String> names(String csv) {
        List<String> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return out;
        }
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
