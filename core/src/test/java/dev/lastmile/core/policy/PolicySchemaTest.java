package dev.lastmile.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lastmile.core.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The JSON Schema editors use agrees with the loader, and every policy shipped in the repository validates. */
class PolicySchemaTest {

    static JsonSchema schema() throws IOException {
        try (InputStream in = Policy.class.getResourceAsStream("lastmile-policy.schema.json")) {
            assertThat(in).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static JsonNode yaml(String text) {
        Object doc = new Yaml().load(text);
        return Json.MAPPER.valueToTree(doc == null ? java.util.Map.of() : doc);
    }

    @Test
    void theSchemaNamesExactlyTheKeysTheLoaderAccepts() throws IOException {
        JsonNode schema = Json.MAPPER.readTree(Policy.class.getResourceAsStream("lastmile-policy.schema.json"));
        TreeSet<String> keys = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(new TreeSet<>(Policy.TOP_LEVEL_KEYS));
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void validPoliciesValidateAndBrokenOnesDoNot() throws IOException {
        JsonSchema schema = schema();
        for (String ok : List.of("", "version: 1\nfail_on: medium\n",
                "ignore: ['seeds/**']\nchecks: [sql, secrets]\nrules:\n  SQL001: off\n  sql.pii.select_star: critical\n"
                        + "  SQL002: {enabled: true, severity: low}\npull_requests: {drafts: true}\n")) {
            assertThat(schema.validate(yaml(ok))).as(ok).isEmpty();
            PolicyLoader.parse(".lastmile.yml", ok);
        }
        for (String bad : List.of("fail_onn: high\n", "fail_on: severe\n", "checks: [spelling]\n",
                "rules:\n  not-a-rule: off\n", "version: 2\n")) {
            assertThat(schema.validate(yaml(bad))).as(bad).isNotEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", bad))
                    .as(bad).isInstanceOf(PolicyException.class);
        }
    }

    @Test
    void everyPolicyFileInTheRepositoryValidatesAndLoads() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> policies;
        try (Stream<Path> walk = Files.walk(root.resolve("examples"))) {
            policies = new java.util.ArrayList<>(walk.filter(p -> p.getFileName().toString().matches("\\.lastmile\\.ya?ml")).toList());
        }
        policies.add(root.resolve(".lastmile.yml")); // lastmile's own
        assertThat(policies).as("the demo ships a policy").isNotEmpty();
        JsonSchema schema = schema();
        for (Path p : policies) {
            String text = Files.readString(p);
            assertThat(schema.validate(yaml(text))).as(p.toString()).isEmpty();
            PolicyLoader.parse(p.getFileName().toString(), text);
        }
    }
}
