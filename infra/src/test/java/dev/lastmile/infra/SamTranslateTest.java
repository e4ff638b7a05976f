package dev.lastmile.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/template.yaml through the tools AWS runs on it: cfn-lint, and the SAM translator (samtranslator), the code of
 * CloudFormation's AWS::Serverless-2016-10-31 transform, with different parameter values. Skipped, saying why, where
 * the machine's Python lacks them.
 */
class SamTranslateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** For every parameter a function's configuration reads: a second valid value to deploy with. */
    static final Map<String, String> OTHER_VALUES = Map.of(
            "GitHubAppId", "424242",
            "GitHubApiUrl", "https://github.example.com/api/v3",
            "StorePrefix", "lastmile/",
            "ScanDrafts", "true",
            "AuditRetentionDays", "30");

    @BeforeAll
    static void tools() {
        String missing = Python.missing("samtranslator", "cfnlint");
        Assumptions.assumeTrue(missing == null, missing);
    }

    static JsonNode translate(Map<String, String> parameters) {
        List<String> command = new ArrayList<>(List.of("python3", "infra/scripts/sam-translate.py", "infra/template.yaml"));
        parameters.forEach((k, v) -> command.add(k + "=" + v));
        Python.Result r = Python.run(Template.root(), 180, command);
        assertThat(r.exit()).as("sam-translate.py failed: %s", r.err()).isZero();
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("sam-translate.py printed no JSON: " + r.out(), e);
        }
    }

    @Test
    void cfnLintFindsNothing() {
        Python.Result r = Python.run(Template.root(), 300, "python3", "-c",
                "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())", "infra/template.yaml");
        assertThat(r.exit()).as("cfn-lint:\n%s%s", r.out(), r.err()).isZero();
    }

    /** The transform keeps the bucket's Object Lock as written: enabled, no bucket-wide default retention. */
    @Test
    void theTranslatedBucketKeepsObjectLockForTheAuditTrail() {
        JsonNode bucket = translate(Map.of()).path("Resources").path("FindingsBucket").path("Properties");
        assertThat(bucket.path("ObjectLockEnabled").asBoolean()).isTrue();
        assertThat(bucket.path("ObjectLockConfiguration").path("ObjectLockEnabled").asText()).isEqualTo("Enabled");
        assertThat(bucket.path("ObjectLockConfiguration").has("Rule")).isFalse();
    }

    /**
     * SAM's AutoPublishAlias hashes a function's environment with its {@code !Ref}s unresolved, so a parameter change
     * alone would leave the {@code live} alias on the old version (SAM issues #1640, #3820). For every parameter that
     * reaches a function's configuration, a changed value must replace that function's published version: either
     * its logical id changes, or a property whose change replaces an {@code AWS::Lambda::Version} (Description,
     * CodeSha256) resolves differently.
     */
    @Test
    void everyParameterAFunctionReadsPublishesANewVersionWhenItChanges() {
        JsonNode base = translate(Map.of());
        Map<String, Set<String>> readers = parametersReadByFunctions(base);
        assertThat(readers).as("functions read parameters").isNotEmpty();
        assertThat(OTHER_VALUES).as("a second value for every parameter a function reads").containsKeys(
                readers.keySet().toArray(String[]::new));
        Map<String, String> before = versions(base, Map.of());
        for (var e : readers.entrySet()) {
            Map<String, String> changed = Map.of(e.getKey(), OTHER_VALUES.get(e.getKey()));
            Map<String, String> after = versions(translate(changed), changed);
            for (String function : e.getValue()) {
                assertThat(after.get(function)).as("%s's published version when %s changes", function, e.getKey())
                        .isNotEqualTo(before.get(function));
            }
        }
    }

    /** Parameter name to the functions whose deployed properties (environment, memory, ...) read it. */
    static Map<String, Set<String>> parametersReadByFunctions(JsonNode template) {
        Set<String> parameters = new TreeSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(parameters::add);
        Map<String, Set<String>> out = new TreeMap<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                Set<String> read = new TreeSet<>();
                // the description names the parameters on purpose; it is not what the function does
                JsonNode props = r.getValue().path("Properties").deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) props).remove("Description");
                references(props, parameters, read);
                read.forEach(p -> out.computeIfAbsent(p, k -> new TreeSet<>()).add(r.getKey()));
            }
        });
        return out;
    }

    private static void references(JsonNode node, Set<String> parameters, Set<String> into) {
        if (node.isObject()) {
            if (node.has("Ref") && parameters.contains(node.path("Ref").asText())) {
                into.add(node.path("Ref").asText());
            }
            JsonNode sub = node.get("Fn::Sub");
            if (sub != null) {
                Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(sub.isArray() ? sub.path(0).asText() : sub.asText());
                while (m.find()) {
                    if (parameters.contains(m.group(1))) {
                        into.add(m.group(1));
                    }
                }
            }
            node.elements().forEachRemaining(n -> references(n, parameters, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(n -> references(n, parameters, into));
        }
    }

    /**
     * Function logical id to the identity of its published version: the version's logical id and its
     * replacement-causing properties with the parameters resolved as CloudFormation resolves them.
     */
    static Map<String, String> versions(JsonNode template, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        template.path("Parameters").fields().forEachRemaining(p -> values.put(p.getKey(), p.getValue().path("Default").asText("")));
        values.putAll(given);
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            var r = it.next();
            if (!r.getValue().path("Type").asText().equals("AWS::Lambda::Version")) {
                continue;
            }
            JsonNode props = r.getValue().path("Properties");
            String function = props.path("FunctionName").path("Ref").asText();
            out.put(function, r.getKey() + " | " + resolve(props.path("Description"), values) + " | "
                    + resolve(props.path("CodeSha256"), values));
        }
        return out;
    }

    /** Fn::Sub and Ref of parameters, as CloudFormation resolves them at deployment; other references stay. */
    private static String resolve(JsonNode node, Map<String, String> values) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return values.getOrDefault(node.path("Ref").asText(), "${" + node.path("Ref").asText() + "}");
        }
        if (node.has("Fn::Sub") && node.path("Fn::Sub").isTextual()) {
            Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9:.]+)}").matcher(node.path("Fn::Sub").asText());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
            }
            return m.appendTail(sb).toString();
        }
        return node.toString();
    }
}
