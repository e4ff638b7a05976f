package dev.lastmile.check.dependencies.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpdxParserTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', value = {
            // AND binds tighter than OR
            "MIT OR Apache-2.0 AND GPL-3.0-only | MIT OR Apache-2.0 AND GPL-3.0-only",
            "(MIT OR Apache-2.0) AND GPL-3.0-only | (MIT OR Apache-2.0) AND GPL-3.0-only",
            // WITH binds tighter than AND
            "GPL-2.0-only WITH Classpath-exception-2.0 AND MIT | GPL-2.0-only WITH Classpath-exception-2.0 AND MIT",
            // + binds tightest; deprecated ids move to their current spelling
            "GPL-2.0+ | GPL-2.0-or-later",
            "GPL-2.0 | GPL-2.0-only",
            "LGPL-2.1+ OR MIT | LGPL-2.1-or-later OR MIT",
            "AGPL-3.0 | AGPL-3.0-only",
            "Apache-2.0+ | Apache-2.0+",
            "GPL-2.0-with-classpath-exception | GPL-2.0-only WITH Classpath-exception-2.0",
            // registries write operators in lower case
            "MIT or Apache-2.0 | MIT OR Apache-2.0",
            "LicenseRef-Acme-1.0 AND DocumentRef-spdx-tool:LicenseRef-MIT-style | LicenseRef-Acme-1.0 AND DocumentRef-spdx-tool:LicenseRef-MIT-style",
            "((MIT)) | MIT",
    })
    void parsesWithPrecedence(String text, String canonical) throws Exception {
        assertThat(SpdxParser.parse(text)).hasToString(canonical);
    }

    @Test
    void orOfAndsHasTheRightShape() throws Exception {
        SpdxExpression e = SpdxParser.parse("MIT OR Apache-2.0 AND GPL-3.0-only");
        assertThat(e).isInstanceOf(SpdxExpression.Or.class);
        SpdxExpression.Or or = (SpdxExpression.Or) e;
        assertThat(or.terms().get(0)).isEqualTo(new SpdxExpression.License("MIT", false));
        assertThat(or.terms().get(1)).isInstanceOf(SpdxExpression.And.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | empty",
            "MIT AND | expression ends",
            "AND MIT | expected a license",
            "(MIT | expression ends",
            "MIT) | unexpected ')'",
            "MIT WITH | expression ends",
            "(MIT OR BSD-3-Clause) WITH Classpath-exception-2.0 | WITH must follow a single license",
            "MIT / Apache | unexpected character",
            "GNU GPL v2 | unexpected 'GPL'",
    })
    void rejectsWhatIsNotAnExpression(String text, String message) {
        assertThatThrownBy(() -> SpdxParser.parse(text)).isInstanceOf(SpdxParseException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesHostileNesting() {
        String deep = "(".repeat(500) + "MIT" + ")".repeat(500);
        assertThatThrownBy(() -> SpdxParser.parse(deep)).isInstanceOf(SpdxParseException.class)
                .hasMessageContaining("nested deeper");
    }
}
