package dev.lastmile.core.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever is in a .lastmile.yml, the loader answers with a policy or a PolicyException, never anything else. */
class PolicyLoaderProperties {

    @Property(tries = 400)
    void arbitraryTextGivesAPolicyOrAPolicyException(@ForAll("yamlish") String text) {
        try {
            PolicyLoader.parse(".lastmile.yml", text);
        } catch (PolicyException expected) {
            org.assertj.core.api.Assertions.assertThat(expected.getMessage()).startsWith(".lastmile.yml");
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> tokens = Arbitraries.of("fail_on", "ignore", "rules", "checks", "sql", "version", ":", " ", "\n",
                "  ", "- ", "[", "]", "{", "}", ",", "high", "off", "SQL001", "&a", "*a", "'", "\"", "#", "!!str", "1", "?",
                "|", ">", "\t", "~", "null");
        return Arbitraries.oneOf(tokens.list().ofMaxSize(40).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(200));
    }
}
