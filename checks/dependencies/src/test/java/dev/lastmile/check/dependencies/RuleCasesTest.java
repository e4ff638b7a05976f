package dev.lastmile.check.dependencies;

import dev.lastmile.check.dependencies.testing.TestAnswers;
import dev.lastmile.core.testing.RuleCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule's cases in src/test/resources/rules/*.yml, judged offline against {@link TestAnswers#standard()}. */
class RuleCasesTest {

    private static final DependencyCheck CHECK = TestAnswers.offlineCheck(TestAnswers.standard());

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        return RuleCases.forCheck(CHECK, "rules");
    }

    @Test
    void everyRuleHasPassingAndFailingCases() {
        RuleCases.assertEveryRuleCovered(CHECK, "rules");
    }
}
