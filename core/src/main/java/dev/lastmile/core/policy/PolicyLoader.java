package dev.lastmile.core.policy;

import dev.lastmile.core.model.Severity;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code .lastmile.yml}. Strict: unknown keys, wrong shapes and YAML syntax errors are
 * {@link PolicyException}s naming file, line and key, never a silent fallback to defaults.
 */
public final class PolicyLoader {

    /** The policy file's name at the repository root. */
    public static final String FILE_NAME = ".lastmile.yml";
    /** Also accepted, for people who type the long extension. */
    public static final String ALT_FILE_NAME = ".lastmile.yaml";

    private static final int MAX_POLICY_CHARS = 1 << 20;
    private static final Set<String> KNOWN_CHECKS = java.util.Arrays.stream(dev.lastmile.core.scan.CheckFamily.values())
            .map(dev.lastmile.core.scan.CheckFamily::check).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));

    private PolicyLoader() {
    }

    /** Parses a policy document; {@code fileName} is used in error messages. */
    public static Policy parse(String fileName, String text) {
        if (text.length() > MAX_POLICY_CHARS) {
            throw new PolicyException(fileName, 0, "", "the policy file is larger than 1 MiB");
        }
        Node node;
        try {
            dev.lastmile.core.util.YamlGuard.check(text); // long lines: see there
            node = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new PolicyException(fileName, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(fileName, 0, "", "not valid YAML: " + e.getMessage());
        }
        if (node == null) {
            return new Policy(fileName, Policy.DEFAULT_FAIL_ON, List.of(), List.of(), null,
                    PolicyNode.missing(fileName, "")).hashed(text);
        }
        PolicyNode root = new PolicyNode(fileName, "", node, 1);
        if (!root.isMapping()) {
            throw root.error("the policy must be a mapping of keys to values");
        }
        Map<String, PolicyNode> top = Policy.topLevel(root);

        PolicyNode version = root.get("version");
        if (version.isPresent() && version.asInt(1, 1, 1) != 1) {
            throw version.error("unsupported policy version");
        }
        Severity failOn = root.get("fail_on").asSeverity(Policy.DEFAULT_FAIL_ON);

        List<String> ignores = new ArrayList<>();
        for (PolicyNode g : root.get("ignore").elements()) {
            String glob = g.asString().trim();
            if (glob.isEmpty()) {
                throw g.error("an ignore glob must not be empty");
            }
            try {
                dev.lastmile.core.util.Globs.compile(glob);
            } catch (IllegalArgumentException e) {
                throw g.error(e.getMessage());
            }
            ignores.add(glob);
        }

        Set<String> checks = null;
        if (top.containsKey("checks")) {
            checks = new LinkedHashSet<>();
            for (PolicyNode c : root.get("checks").elements()) {
                String name = c.asString().trim();
                if (!KNOWN_CHECKS.contains(name)) {
                    throw c.error("unknown check '" + name + "' (known: " + String.join(", ", KNOWN_CHECKS) + ")");
                }
                checks.add(name);
            }
        }

        List<RuleOverride> overrides = new ArrayList<>();
        for (Map.Entry<String, PolicyNode> e : root.get("rules").entries().entrySet()) {
            overrides.add(ruleOverride(e.getKey(), e.getValue()));
        }
        PolicyNode prs = root.get("pull_requests");
        if (prs.isPresent()) {
            prs.requireOnly(Set.of("drafts"));
            prs.get("drafts").asBoolean(false);
        }
        AiPolicy ai = AiPolicy.parse(root.get("provenance"));
        return new Policy(fileName, failOn, ignores, overrides, checks, root, ai).hashed(text);
    }

    private static RuleOverride ruleOverride(String ref, PolicyNode value) {
        if (!dev.lastmile.core.model.RuleMeta.isWellFormedId(ref.toUpperCase(java.util.Locale.ROOT))
                && !dev.lastmile.core.model.RuleMeta.isWellFormedName(ref)) {
            throw value.error("'" + ref + "' is neither a rule id (SQL004) nor a rule name (sql.pii.select_star)");
        }
        if (value.isScalar()) {
            String v = value.asString().trim().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "off", "false", "disabled" -> new RuleOverride(ref, false, null, value);
                case "on", "true", "enabled" -> new RuleOverride(ref, true, null, value);
                default -> new RuleOverride(ref, true, value.asSeverity(null), value);
            };
        }
        value.requireOnly(Set.of("enabled", "severity"));
        return new RuleOverride(ref, value.get("enabled").asBoolean(true), value.get("severity").asSeverity(null), value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_POLICY_CHARS);
        options.setNestingDepthLimit(50);
        return new Yaml(options);
    }
}
