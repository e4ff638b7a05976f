package dev.lastmile.check.dependencies.spdx;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class SpdxProperties {

    @Property(tries = 500)
    void arbitraryTextParsesOrFailsCleanly(@ForAll("tokens") String text) {
        try {
            SpdxExpression e = SpdxParser.parse(text);
            LicenseJudge.defaults().judge(e);
        } catch (SpdxParseException expected) {
            // the one permitted failure
        }
    }

    @Property(tries = 200)
    void arbitraryUnicodeParsesOrFailsCleanly(@ForAll @StringLength(max = 200) String text) {
        arbitraryTextParsesOrFailsCleanly(text);
    }

    /** What the parser writes back, it reads back to the same tree. */
    @Property(tries = 300)
    void canonicalFormRoundTrips(@ForAll("tokens") String text) throws Exception {
        SpdxExpression e;
        try {
            e = SpdxParser.parse(text);
        } catch (SpdxParseException notAnExpression) {
            return;
        }
        assertThat(SpdxParser.parse(e.toString())).hasToString(e.toString());
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.of("MIT", "Apache-2.0", "GPL-2.0", "GPL-2.0+", "AGPL-3.0-only", "LicenseRef-X", "AND", "OR",
                "WITH", "Classpath-exception-2.0", "(", ")", "+", "and", "or", " ", "/", ",")
                .list().ofMaxSize(25).map(l -> String.join(" ", l));
    }
}
