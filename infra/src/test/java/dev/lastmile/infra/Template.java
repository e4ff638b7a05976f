package dev.lastmile.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * infra/template.yaml as plain maps. CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub})
 * become one-entry maps in their long form ({@code {"Ref": x}}, {@code {"Fn::GetAtt": x}}), which SnakeYAML's safe
 * loader would otherwise refuse.
 */
final class Template {

    private Template() {
    }

    static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("infra/template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("infra/template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("infra/template.yaml");
    }

    static Path root() {
        return file().getParent().getParent();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        try {
            return new Yaml(new CfnConstructor()).load(Files.readString(file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode s) {
                        value = constructScalar(s);
                        if (tag.equals("GetAtt")) {
                            value = List.of(((String) value).split("\\.", 2));
                        }
                    } else if (node instanceof SequenceNode q) {
                        value = constructSequence(q);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(name, value);
                    return m;
                }
            });
        }
    }
}
