package dev.lastmile.check.dependencies.extract;

import dev.lastmile.check.dependencies.model.MalformedManifestException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Safe YAML node trees with line marks: no object construction, bounded aliases and size. */
public final class Yaml {

    private Yaml() {
    }

    public static Node compose(String text, String what) throws MalformedManifestException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(true);
        options.setCodePointLimit(20 * 1024 * 1024);
        try {
            dev.lastmile.core.util.YamlGuard.check(text); // long lines: see there
            Node node = new org.yaml.snakeyaml.Yaml(options).compose(new StringReader(text));
            if (node == null) {
                throw new MalformedManifestException(1, "empty " + what);
            }
            return node;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new MalformedManifestException(line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException | StackOverflowError e) {
            throw new MalformedManifestException(1, "not valid YAML: " + e.getClass().getSimpleName());
        }
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** A mapping's entries by scalar key, in order; empty for any other node. */
    public static Map<String, Node> entries(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.putIfAbsent(k.getValue(), t.getValueNode());
                }
            }
        }
        return out;
    }

    /** A mapping's scalar keys with the 1-based line each key is written on. */
    public static Map<String, Integer> keyLines(Node node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.putIfAbsent(k.getValue(), line(k));
                }
            }
        }
        return out;
    }

    public static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** The node's scalar text, or null. */
    public static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }
}
