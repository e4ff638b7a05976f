package dev.lastmile.check.secrets.extract;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML through SnakeYAML's node API (composed, never constructed: no types are instantiated, custom tags such as
 * CloudFormation's {@code !Ref} are harmless, and every node keeps its line). Recognises, beyond plain keys:
 * <ul>
 *   <li>{@code - DB_PASSWORD=secret} list items (docker-compose {@code environment}, container args);</li>
 *   <li>{@code {name: DB_PASSWORD, value: secret}} pairs (Kubernetes, ECS, Airflow variables);</li>
 *   <li>CloudFormation/SAM parameters whose {@code Default} holds the value of a credential-named parameter;</li>
 *   <li>Google service-account keys inlined as mappings (dbt's {@code keyfile_json}).</li>
 * </ul>
 * Every document of a multi-document stream is read. Values under custom tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}) are references, not literals.
 */
public final class YamlExtractor implements Extractor {

    private static final java.util.Set<String> ENCRYPTED_SECTIONS = java.util.Set.of("encryptedData", "sops");

    /** A command-line flag alone in a list item: {@code --password}, {@code -token}. */
    static final Pattern FLAG = Pattern.compile("^--?[A-Za-z][A-Za-z0-9_-]{0,60}$");

    static final Pattern ASSIGNMENT = Pattern.compile("^(?:--)?([A-Za-z_][A-Za-z0-9_.-]{0,100})=(.*)$", Pattern.DOTALL);

    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public boolean fileRequired(String path) {
        return Extractor.hasExtension(path, "yml", "yaml", "yml.j2", "yaml.j2", "yml.tpl", "yaml.tpl");
    }

    @Override
    public Extraction extract(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(Math.max(3 * 1024 * 1024, text.length() + 1));
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Entry> out = new ArrayList<>();
        try {
            dev.lastmile.core.util.YamlGuard.check(text); // long lines and duplicate keys: see there
            java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Node doc : yaml.composeAll(new StringReader(text))) {
                walk(doc, "", out, 0, seen);
            }
            return Extraction.of(out);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            return Extraction.failed("not valid YAML: " + e.getProblem(), line, KeyValueLines.extract(text, true));
        } catch (RuntimeException | StackOverflowError e) {
            return Extraction.failed("not valid YAML: " + e.getClass().getSimpleName(), 1, KeyValueLines.extract(text, true));
        }
    }

    /** {@code seen}: an aliased collection ({@code *defaults}) is read once, where it is defined, not per alias. */
    private static void walk(Node node, String parentKey, List<Entry> out, int depth, java.util.Set<Node> seen) {
        if (node == null || depth > 100 || (!(node instanceof ScalarNode) && !seen.add(node))) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    fields.putIfAbsent(k.getValue(), t.getValueNode());
                }
            }
            structures(fields, parentKey, out);
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                Node v = t.getValueNode();
                if (ENCRYPTED_SECTIONS.contains(k.getValue())) {
                    continue; // SealedSecret encryptedData, SOPS metadata: encrypted to be committed
                }
                if (v instanceof ScalarNode s) {
                    if (isLiteral(s)) {
                        out.add(entry(k.getValue(), s));
                    }
                } else {
                    walk(v, k.getValue(), out, depth + 1, seen);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            String flag = null;
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    if (!isLiteral(s)) {
                        flag = null;
                        continue;
                    }
                    String previousFlag = flag;
                    flag = FLAG.matcher(s.getValue()).matches() ? s.getValue().replaceFirst("^-+", "") : null;
                    Matcher m = ASSIGNMENT.matcher(s.getValue());
                    if (previousFlag != null && flag == null) {
                        // args: ["--password", "..."]: the value follows its flag as the next item
                        out.add(new Entry(previousFlag, s.getValue(), line(s), endLine(s), Entry.Kind.KEY_VALUE));
                    } else if (m.matches()) {
                        out.add(new Entry(m.group(1), m.group(2), line(s), endLine(s), Entry.Kind.KEY_VALUE));
                    } else {
                        out.add(entry(parentKey, s));
                    }
                } else {
                    walk(item, parentKey, out, depth + 1, seen);
                }
            }
        }
    }

    /** The shapes that give a value its name from a sibling or parent rather than its own key. */
    private static void structures(Map<String, Node> fields, String parentKey, List<Entry> out) {
        Node type = fields.get("type");
        Node privateKey = fields.get("private_key");
        if (type instanceof ScalarNode t && "service_account".equals(t.getValue())
                && privateKey instanceof ScalarNode pk && isLiteral(pk) && pk.getValue().contains("PRIVATE KEY")) {
            out.add(new Entry("private_key", pk.getValue(), line(pk), endLine(pk), Entry.Kind.SERVICE_ACCOUNT));
        }
        Node name = first(fields, "name", "Name", "key", "Key");
        Node value = first(fields, "value", "Value");
        if (name instanceof ScalarNode n && value instanceof ScalarNode v && isLiteral(v)) {
            out.add(entry(n.getValue(), v));
        }
        Node def = fields.get("Default");
        if (def instanceof ScalarNode d && isLiteral(d) && (fields.containsKey("NoEcho") || fields.containsKey("Type"))
                && !parentKey.isEmpty()) {
            out.add(entry(parentKey, d));
        }
    }

    private static Node first(Map<String, Node> fields, String... names) {
        for (String n : names) {
            Node v = fields.get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Plain strings only: a custom tag ({@code !Ref}) makes the value an expression, not a literal. */
    private static boolean isLiteral(ScalarNode s) {
        Tag tag = s.getTag();
        return tag == null || tag.equals(Tag.STR) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)
                || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY);
    }

    private static Entry entry(String key, ScalarNode s) {
        return new Entry(key, s.getValue(), line(s), endLine(s), Entry.Kind.KEY_VALUE);
    }

    private static int line(Node n) {
        int start = n.getStartMark().getLine() + 1;
        // a block scalar (| or >) starts on its indicator's line; its text starts on the next one
        if (n instanceof ScalarNode s && (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
                || s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED)) {
            return start + 1;
        }
        return start;
    }

    private static int endLine(Node n) {
        int end = n.getEndMark() == null ? line(n) : n.getEndMark().getLine() + 1;
        if (n.getEndMark() != null && n.getEndMark().getColumn() == 0 && end > line(n)) {
            end--; // a block scalar ends at column 0 of the line after its text
        }
        return Math.max(line(n), end);
    }
}
