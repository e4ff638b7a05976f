package dev.lastmile.check.residency.dbt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The residency metadata of a dbt project's {@code schema.yml}/{@code sources.yml} files: the {@code meta} key that
 * names a zone ({@code meta: {residency: eu}}, also under {@code config:}) and the tags of every source, source table
 * and model. The dbt module keeps only PII flags of these files, so this small reader keeps what residency needs.
 */
public final class SchemaMeta {

    /** What one source table or model says: meta value of the key (or null) and tags, and which file says it. */
    public record Node(String metaValue, List<String> tags, String file) {
    }

    /** A YAML file that could not be read. */
    public record Problem(String path, int line, String message) {
    }

    private final Map<String, Node> sources = new HashMap<>();
    private final Map<String, Node> models = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    public Optional<Node> source(String sourceDotTable) {
        return Optional.ofNullable(sources.get(sourceDotTable.toLowerCase(Locale.ROOT)));
    }

    public Optional<Node> model(String name) {
        return Optional.ofNullable(models.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public void read(String path, String text, String metaKey) {
        Object doc;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setCodePointLimit(5 * 1024 * 1024);
            doc = new Yaml(new SafeConstructor(o)).load(text);
        } catch (RuntimeException e) {
            int line = 1;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null) {
                line = my.getProblemMark().getLine() + 1;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            problems.add(new Problem(path, line, msg));
            return;
        }
        if (!(doc instanceof Map<?, ?> d)) {
            return;
        }
        if (d.get("sources") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> s) || s.get("name") == null) {
                    continue;
                }
                String source = String.valueOf(s.get("name")).toLowerCase(Locale.ROOT);
                String sourceMeta = meta(s, metaKey);
                List<String> sourceTags = tags(s);
                if (s.get("tables") instanceof List<?> tables) {
                    for (Object t : tables) {
                        if (t instanceof Map<?, ?> tm && tm.get("name") != null) {
                            String table = String.valueOf(tm.get("name")).toLowerCase(Locale.ROOT);
                            String m = meta(tm, metaKey);
                            List<String> tags = new ArrayList<>(sourceTags);
                            tags.addAll(tags(tm));
                            sources.put(source + "." + table, new Node(m != null ? m : sourceMeta, tags, path));
                        }
                    }
                }
            }
        }
        if (d.get("models") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("name") != null) {
                    models.put(String.valueOf(m.get("name")).toLowerCase(Locale.ROOT), new Node(meta(m, metaKey), tags(m), path));
                }
            }
        }
    }

    /** The meta value of {@code key} on a node ({@code meta:} or {@code config.meta:}), or null. */
    static String meta(Map<?, ?> node, String key) {
        for (Object m : new Object[] {node.get("meta"), node.get("config") instanceof Map<?, ?> c ? c.get("meta") : null}) {
            if (m instanceof Map<?, ?> mm && mm.get(key) != null) {
                return String.valueOf(mm.get(key));
            }
        }
        return null;
    }

    static List<String> tags(Map<?, ?> node) {
        List<String> out = new ArrayList<>();
        for (Object src : new Object[] {node.get("tags"), node.get("config") instanceof Map<?, ?> c ? c.get("tags") : null}) {
            if (src instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else if (src != null) {
                out.add(String.valueOf(src));
            }
        }
        return out;
    }
}
