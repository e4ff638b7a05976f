package dev.lastmile.check.residency.infra;

import dev.lastmile.check.residency.location.Location;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation and SAM templates (YAML or JSON). A template does not say where it is deployed, so its
 * resources are placed in the policy's {@code deploy_regions} for the file. The YAML is composed into nodes rather
 * than constructed, so short-form intrinsics ({@code !Ref}, {@code !Sub}, {@code !GetAtt}) are read as the plain
 * strings they tag and every resource keeps its line.
 */
public final class CloudFormation {

    /** Signs that a YAML/JSON file is a template: cheap to test before parsing. */
    public static boolean looksLikeTemplate(String path, String text) {
        String p = path.toLowerCase(Locale.ROOT);
        if (!(p.endsWith(".yml") || p.endsWith(".yaml") || p.endsWith(".json") || p.endsWith(".template"))) {
            return false;
        }
        return text.contains("AWSTemplateFormatVersion") || text.contains("AWS::Serverless")
                || (text.contains("Resources") && text.contains("AWS::"));
    }

    /** Malformed template, at a 1-based line. */
    public static final class TemplateException extends Exception {
        private final int line;

        public TemplateException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final Map<String, InfraResource.Kind> KINDS = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", InfraResource.Kind.BUCKET),
            Map.entry("AWS::Glue::Database", InfraResource.Kind.DATABASE),
            Map.entry("AWS::Glue::Job", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::Glue::Crawler", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::EMR::Cluster", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::EMRServerless::Application", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::Redshift::Cluster", InfraResource.Kind.DATABASE),
            Map.entry("AWS::RedshiftServerless::Workgroup", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::RDS::DBInstance", InfraResource.Kind.DATABASE),
            Map.entry("AWS::RDS::DBCluster", InfraResource.Kind.DATABASE),
            Map.entry("AWS::DynamoDB::Table", InfraResource.Kind.DATABASE),
            Map.entry("AWS::Athena::WorkGroup", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::Lambda::Function", InfraResource.Kind.COMPUTE),
            Map.entry("AWS::Serverless::Function", InfraResource.Kind.COMPUTE));

    private CloudFormation() {
    }

    public static List<InfraResource> read(String path, String text, List<Location> deployRegions) throws TemplateException {
        return read(path, text, deployRegions, "the deploy regions the policy gives this template");
    }

    /** @param regionSource how the deploy regions were found, for messages */
    public static List<InfraResource> read(String path, String text, List<Location> deployRegions, String regionSource)
            throws TemplateException {
        Node root;
        try {
            LoaderOptions o = new LoaderOptions();
            o.setMaxAliasesForCollections(50);
            o.setNestingDepthLimit(100);
            o.setCodePointLimit(5 * 1024 * 1024);
            dev.lastmile.core.util.YamlGuard.check(text); // long lines: see there
            root = new Yaml(o).compose(new StringReader(text));
        } catch (RuntimeException e) {
            int line = 1;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException my && my.getProblemMark() != null) {
                line = my.getProblemMark().getLine() + 1;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\\R", 2)[0];
            throw new TemplateException(msg, line);
        }
        List<InfraResource> out = new ArrayList<>();
        Node resources = get(root, "Resources");
        if (!(resources instanceof MappingNode rm)) {
            return out;
        }
        for (NodeTuple t : rm.getValue()) {
            String logicalId = scalar(t.getKeyNode()).orElse("");
            Node body = t.getValueNode();
            String type = scalar(get(body, "Type")).orElse("");
            InfraResource.Kind kind = KINDS.get(type);
            if (kind == null) {
                continue;
            }
            Node props = get(body, "Properties");
            String storageName = "";
            if (kind == InfraResource.Kind.BUCKET) {
                storageName = scalar(get(props, "BucketName")).map(b -> "s3://" + b).orElse("");
            }
            int line = t.getKeyNode().getStartMark().getLine() + 1;
            String where = deployRegions.isEmpty() ? "" : regionSource + " ("
                    + String.join(", ", deployRegions.stream().map(Location::display).toList()) + ")";
            out.add(new InfraResource(path, line, logicalId, type, kind, storageName, deployRegions, where, line,
                    tags(get(props, "Tags")),
                    deployRegions.isEmpty() ? "a template does not say where it is deployed, and neither residency.deploy_regions"
                            + " nor a samconfig.toml beside it covers " + path : ""));
        }
        return out;
    }

    private static Map<String, String> tags(Node tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                Optional<String> k = scalar(get(n, "Key"));
                Optional<String> v = scalar(get(n, "Value"));
                if (k.isPresent() && v.isPresent()) {
                    out.put(k.get().toLowerCase(Locale.ROOT), v.get());
                }
            }
        } else if (tags instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                Optional<String> k = scalar(t.getKeyNode());
                Optional<String> v = scalar(t.getValueNode());
                if (k.isPresent() && v.isPresent()) {
                    out.put(k.get().toLowerCase(Locale.ROOT), v.get());
                }
            }
        }
        return out;
    }

    private static Node get(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /** A scalar's text, whatever its tag ({@code !Sub 'acme-${Env}'} reads as {@code acme-${Env}}). */
    private static Optional<String> scalar(Node n) {
        return n instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }
}
