package dev.lastmile.core.policy;

import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only, line-aware view of one part of the policy file. Every accessor that meets the wrong shape throws a
 * {@link PolicyException} naming the file, the line and the dotted key, so each check family can read its own
 * section without losing the error quality of the loader.
 *
 * <p>A missing key yields a "missing" node ({@link #isPresent()} false) whose accessors return the defaults given.
 */
public final class PolicyNode {

    private final String file;
    private final String key;
    private final Node node;
    private final int fallbackLine;

    PolicyNode(String file, String key, Node node, int fallbackLine) {
        this.file = file;
        this.key = key;
        this.node = node;
        this.fallbackLine = fallbackLine;
    }

    static PolicyNode missing(String file, String key) {
        return new PolicyNode(file, key, null, 0);
    }

    public String file() {
        return file;
    }

    /** The dotted key of this node from the root ({@code sql.pii.columns}, {@code ignore[2]}). */
    public String key() {
        return key;
    }

    public boolean isPresent() {
        return node != null && !isNull();
    }

    public int line() {
        return node == null ? fallbackLine : node.getStartMark().getLine() + 1;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    private boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    /** A problem at this node. */
    public PolicyException error(String problem) {
        return new PolicyException(file, line(), key, problem);
    }

    /** The child under {@code name}; a missing node when absent. Throws when this node is not a mapping. */
    public PolicyNode get(String name) {
        if (!isPresent()) {
            return new PolicyNode(file, child(name), null, line());
        }
        PolicyNode found = entries().get(name);
        return found != null ? found : new PolicyNode(file, child(name), null, line());
    }

    /** The mapping's entries in file order. Duplicate keys are an error, as they are in YAML 1.2. */
    public Map<String, PolicyNode> entries() {
        if (!isPresent()) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping of keys to values, found " + describe());
        }
        Map<String, PolicyNode> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new PolicyException(file, t.getKeyNode().getStartMark().getLine() + 1, key, "keys must be plain strings");
            }
            String name = k.getValue();
            if (out.containsKey(name)) {
                throw new PolicyException(file, k.getStartMark().getLine() + 1, child(name), "duplicate key");
            }
            out.put(name, new PolicyNode(file, child(name), t.getValueNode(), k.getStartMark().getLine() + 1));
        }
        return out;
    }

    /** Throws for any key not in {@code allowed}, suggesting the closest allowed key. */
    public PolicyNode requireOnly(Collection<String> allowed) {
        for (Map.Entry<String, PolicyNode> e : entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String hint = closest(e.getKey(), allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new PolicyException(file, e.getValue().keyLine(), e.getValue().key,
                        "unknown key (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")" + hint);
            }
        }
        return this;
    }

    private int keyLine() {
        return fallbackLine > 0 ? fallbackLine : line();
    }

    /** The sequence's elements; a single scalar is taken as a one-element list. */
    public List<PolicyNode> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (node instanceof ScalarNode) {
            return List.of(this);
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list, found " + describe());
        }
        List<PolicyNode> out = new ArrayList<>();
        int i = 0;
        for (Node n : seq.getValue()) {
            out.add(new PolicyNode(file, key + "[" + i++ + "]", n, line()));
        }
        return out;
    }

    public String asString() {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("expected a single value, found " + describe());
        }
        return s.getValue();
    }

    public String asString(String defaultValue) {
        return isPresent() ? asString() : defaultValue;
    }

    public Optional<String> optionalString() {
        return isPresent() ? Optional.of(asString()) : Optional.empty();
    }

    public List<String> asStringList() {
        List<String> out = new ArrayList<>();
        for (PolicyNode e : elements()) {
            out.add(e.asString());
        }
        return out;
    }

    public boolean asBoolean(boolean defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        String v = asString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, found '" + v + "'");
        };
    }

    public int asInt(int defaultValue, int min, int max) {
        if (!isPresent()) {
            return defaultValue;
        }
        String v = asString().trim();
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw error("expected a whole number from " + min + " to " + max + ", found " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + v + "'");
        }
    }

    public Severity asSeverity(Severity defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        try {
            return Severity.parse(asString());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** A value that must be one of {@code allowed}. */
    public String asEnum(String defaultValue, Set<String> allowed) {
        if (!isPresent()) {
            return defaultValue;
        }
        String v = asString().trim();
        if (!allowed.contains(v)) {
            throw error("expected one of " + String.join(", ", new TreeSet<>(allowed)) + ", found '" + v + "'");
        }
        return v;
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node == null || isNull()) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private String child(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }

    /** The candidate nearest to {@code word} (a typo), if one is near enough; also used by `lastmile explain`. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
