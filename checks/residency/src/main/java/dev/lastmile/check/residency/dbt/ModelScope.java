package dev.lastmile.check.residency.dbt;

import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.ProjectFiles;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which models a scan judges and which it must render. A full scan judges every model. A pull request that changes
 * only models judges those and every model downstream of them (their data changed) and renders their upstream too, for
 * the lineage; a change to infrastructure code, YAML (profiles, project, schema, policy) or macros may move any model,
 * so it judges every model. A quick index of {@code ref()} in the raw text finds up- and downstream without rendering.
 *
 * @param judged   model names the rules judge; null for all
 * @param toRender model names to render first (the caller renders upstream the quick index missed)
 */
public record ModelScope(Set<String> judged, Set<String> toRender) {

    private static final Pattern QUICK_REF = Pattern.compile(
            "\\bref\\(\\s*['\"]([^'\"]+)['\"](?:\\s*,\\s*['\"]([^'\"]+)['\"])?");

    /**
     * The scope of one scan.
     *
     * @param project    the dbt project
     * @param modelFiles model name → file, SQL and Python models
     * @param changed    the paths a pull request changed, or null for a full scan
     */
    public static ModelScope of(DbtProject project, ProjectFiles files, Map<String, String> modelFiles, Set<String> changed) {
        if (changed == null) {
            return new ModelScope(null, new LinkedHashSet<>(modelFiles.keySet()));
        }
        Set<String> modelPaths = new java.util.HashSet<>(modelFiles.values());
        for (String p : changed) {
            if (widensScope(project, p, modelPaths)) {
                return new ModelScope(null, new LinkedHashSet<>(modelFiles.keySet()));
            }
        }
        // a quick index of ref() in the raw text: enough to find what is downstream and upstream of the change
        Map<String, Set<String>> upstream = new HashMap<>();
        Map<String, Set<String>> downstream = new HashMap<>();
        modelFiles.forEach((name, path) -> {
            Matcher r = QUICK_REF.matcher(files.read(path).orElse(""));
            while (r.find()) {
                String up = (r.group(2) != null ? r.group(2) : r.group(1)).toLowerCase(Locale.ROOT);
                upstream.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(up);
                downstream.computeIfAbsent(up, k -> new LinkedHashSet<>()).add(name);
            }
        });
        Set<String> changedModels = new LinkedHashSet<>();
        for (String p : changed) {
            if (p.endsWith(".sql") || p.endsWith(".py")) {
                changedModels.add(DbtProject.modelName(p));   // a deleted model still has downstream models
            }
        }
        Set<String> judged = closure(changedModels, downstream);
        Set<String> out = closure(judged, upstream);
        out.retainAll(modelFiles.keySet());
        return new ModelScope(judged, out);
    }

    static Set<String> closure(Set<String> start, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>(start);
        ArrayDeque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String n : edges.getOrDefault(queue.poll(), Set.of())) {
                if (seen.add(n)) {
                    queue.add(n);
                }
            }
        }
        return seen;
    }

    /** A change that may move any model: infrastructure, YAML (profiles, project, schema, policy), macros. */
    private static boolean widensScope(DbtProject project, String path, Set<String> modelPaths) {
        if (modelPaths.contains(path)) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".tf") || p.endsWith(".tfvars") || p.endsWith(".yml") || p.endsWith(".yaml")
                || p.endsWith(".json") || p.endsWith(".template")) {
            return true;
        }
        if (p.endsWith(".sql")) {
            // a macro or a package may rename datasets or change refs; a deleted model only affects its downstream
            return project.isMacroFile(path) || p.contains("dbt_packages/")
                    || underAny(path.startsWith(project.root()) ? path.substring(project.root().length()) : path, project.macroPaths());
        }
        return false;
    }

    private static boolean underAny(String rel, List<String> dirs) {
        for (String d : dirs) {
            if (rel.startsWith(d.endsWith("/") ? d : d + "/")) {
                return true;
            }
        }
        return false;
    }
}
