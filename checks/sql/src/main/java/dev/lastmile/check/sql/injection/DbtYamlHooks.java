package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.dbt.render.JinjaTokenizer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * dbt hooks written in YAML ({@code dbt_project.yml}'s {@code on-run-start}/{@code on-run-end} and
 * {@code +pre-hook}/{@code +post-hook}, a model's {@code config: post_hook:} in a properties file): each is a Jinja
 * template dbt renders and executes, so it is judged like a {@code statement} block (SQL013), on the YAML file's
 * lines. The YAML is composed into nodes only (no objects built), with alias and size limits.
 */
final class DbtYamlHooks {

    private static final Set<String> HOOK_KEYS = Set.of("pre-hook", "post-hook", "+pre-hook", "+post-hook",
            "pre_hook", "post_hook", "+pre_hook", "+post_hook", "on-run-start", "on-run-end");
    private static final int MAX_DEPTH = 64;

    private final String path;
    private final List<Finding> findings = new ArrayList<>();

    private DbtYamlHooks(String path) {
        this.path = path;
    }

    static boolean mayHaveHooks(String text) {
        return (text.contains("hook") || text.contains("on-run")) && text.contains("{{");
    }

    static List<Finding> analyze(String path, String text) {
        if (!mayHaveHooks(text)) {
            return List.of();
        }
        DbtYamlHooks hooks = new DbtYamlHooks(path);
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(Math.max(text.length() + 1, 1));
        options.setNestingDepthLimit(MAX_DEPTH);
        try {
            dev.lastmile.core.util.YamlGuard.check(text); // long lines: see there
            for (Node document : new Yaml(options).composeAll(new StringReader(text))) {
                hooks.walk(document, null, 0);
            }
        } catch (RuntimeException e) {
            // dbt reports unreadable YAML itself; say only that the hooks in it were not judged.
            return List.of(Finding.of(UnanalysableFile.META, path, Region.file(),
                    "YAML could not be read, so its dbt hooks were not analysed for injection."));
        }
        return hooks.findings;
    }

    private void walk(Node node, String key, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                walk(t.getValueNode(), k, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                walk(item, key, depth + 1);
            }
        } else if (node instanceof ScalarNode scalar && key != null && HOOK_KEYS.contains(key)) {
            hook(scalar, key);
        }
    }

    private void hook(ScalarNode scalar, String key) {
        String sql = scalar.getValue();
        if (!sql.contains("{{") && !sql.contains("{%")) {
            return;
        }
        // Block scalars (| and >) start on the line after their indicator.
        boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED;
        int firstLine = scalar.getStartMark().getLine() + (block ? 2 : 1);
        JinjaTokenizer segments = JinjaTokenizer.split(sql);
        JinjaSqlAnalyzer jinja = new JinjaSqlAnalyzer(path, sql, true, "the " + key.replace("+", "") + " hook");
        jinja.run(segments.segments());
        for (Finding f : jinja.findings()) {
            // Only literal blocks keep line breaks one to one; other styles are reported on their first line.
            int line = block && scalar.getScalarStyle() == ScalarStyle.LITERAL ? firstLine + f.line() - 1 : firstLine;
            findings.add(new Finding(f.ruleId(), f.category(), f.severity(), f.title(), f.message(), f.path(),
                    Region.line(line), f.remediation(), f.check(), f.status(), f.fingerprint(), f.fingerprintKey(),
                    f.properties()));
        }
    }
}
