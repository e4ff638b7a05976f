package dev.lastmile.core.policy;

import dev.lastmile.core.testing.Adversarial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The policy file on adversarial text (issue 14): deep nesting, megabyte lines, invalid UTF-8 as lastmile reads it,
 * aliases, tags and unclosed quotes. It parses or fails with {@link PolicyException} (file, line, key), within a
 * hang-detecting bound, never anything else.
 */
class PolicyFuzzProperties {

    @Provide
    Arbitrary<String> policies() {
        return Adversarial.text(List.of("version: 1\n", "fail_on: high\n", "ignore:\n", "  - \"**/x/\"\n", "checks: [sql]\n",
                "rules:\n", "  SQL001: off\n", "sql:\n", "  pii:\n", "    columns: [email]\n", "secrets:\n", "limits:\n",
                "  file_seconds: 5\n", "pull_requests: {drafts: true}\n", "residency:\n", "licenses:\n", "&a ", "*a", "<<: *a\n",
                "!!python/object:os.system ", "!!binary ", "? ", ": ", "- ", "{", "}", "[", "]", "'", "\""));
    }

    @Property(tries = 100)
    void thePolicyParsesOrNamesItsProblem(@ForAll("policies") String text) {
        Adversarial.bounded(Duration.ofSeconds(60), "PolicyLoader.parse", text, Set.of(PolicyException.class),
                () -> PolicyLoader.parse(".lastmile.yml", text));
    }
}
