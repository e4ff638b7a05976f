package dev.lastmile.check.sql.injection;

import dev.lastmile.core.testing.RuleCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case in {@code rules-injection/SQL01*.yml} through the scan engine. */
class InjectionRuleCasesTest {

    private static final String CASES = "rules-injection";

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        return RuleCases.forCheck(new InjectionOnlyCheck(), CASES);
    }

    @Test
    void everyRuleHasPassAndFailCases() {
        RuleCases.assertEveryRuleCovered(new InjectionOnlyCheck(), CASES);
    }
}
