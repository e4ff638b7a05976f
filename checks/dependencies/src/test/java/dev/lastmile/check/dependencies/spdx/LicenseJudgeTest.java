package dev.lastmile.check.dependencies.spdx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.spdx.LicenseJudge.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseJudgeTest {

    private final LicenseJudge defaults = LicenseJudge.defaults();

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', value = {
            "MIT | ALLOW",
            "Apache-2.0 | ALLOW",
            "CC0-1.0 | ALLOW",
            "MPL-2.0 | ALLOW",
            "AGPL-3.0-only | DENY",
            "AGPL-3.0 | DENY",
            "CC-BY-NC-4.0 | DENY",
            "GPL-2.0+ | REVIEW",
            "LGPL-2.1-only | REVIEW",
            "GPL-2.0-only WITH Classpath-exception-2.0 | REVIEW",
            "SSPL-1.0 | UNKNOWN",
            "LicenseRef-Proprietary | UNKNOWN",
            // OR passes when any branch is allowed
            "MIT OR AGPL-3.0-only | ALLOW",
            "AGPL-3.0-only OR GPL-3.0-only | REVIEW",
            // AND only when all terms are
            "MIT AND AGPL-3.0-only | DENY",
            "MIT AND Apache-2.0 | ALLOW",
            "MIT AND LicenseRef-X | UNKNOWN",
            // precedence decides: MIT OR (Apache AND AGPL) is allowed through MIT
            "MIT OR Apache-2.0 AND AGPL-3.0-only | ALLOW",
            "(MIT OR Apache-2.0) AND AGPL-3.0-only | DENY",
    })
    void judgesWithDefaultCategories(String expression, Verdict verdict) throws Exception {
        assertThat(defaults.judge(SpdxParser.parse(expression)).verdict()).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiter = '|', value = {
            "MIT | ALLOW",
            "BSD-3-Clause | REVIEW",
            "GPL-3.0-only | DENY",
            "GPL-2.0-only WITH Classpath-exception-2.0 | ALLOW",
            "SSPL-1.0 | DENY",
            "LicenseRef-Acme-Internal | ALLOW",
    })
    void policyListsWithGlobsAndExceptions(String expression, Verdict verdict) throws Exception {
        LicenseJudge judge = new LicenseJudge(List.of("GPL-*", "SSPL-1.0", "forbidden"), List.of("restricted"),
                List.of("MIT", "Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-Acme-*"));
        assertThat(judge.judge(SpdxParser.parse(expression)).verdict()).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "AGPL-3.0-or-later, FORBIDDEN", "WTFPL, FORBIDDEN", "GPL-3.0-only, RESTRICTED", "LGPL-3.0-only, RESTRICTED",
            "CC-BY-SA-4.0, RESTRICTED", "EPL-2.0, RECIPROCAL", "MPL-2.0, RECIPROCAL", "BSD-2-Clause, NOTICE",
            "0BSD, UNENCUMBERED", "Unlicense, UNENCUMBERED", "Python-2.0, NOTICE", "BUSL-1.1, UNKNOWN"
    })
    void categories(String id, LicenseCategory category) {
        assertThat(LicenseCategory.of(id)).isEqualTo(category);
    }
}
