package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.testing.RuleCases;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The injection rules' cases ({@code rules/SQL01*.yml}, the one copy, which {@code SqlRuleCasesTest} also runs
 * through the whole SQL check) run through the injection analysis alone, so a case holds without the model rules'
 * help. Coverage of every rule by pass and fail cases is {@code SqlRuleCasesTest}'s.
 */
class InjectionRuleCasesTest {

    @TestFactory
    Stream<DynamicTest> ruleCases() {
        Set<String> ids = InjectionRules.all().stream().map(RuleMeta::id).collect(Collectors.toSet());
        return RuleCases.forCheck(new InjectionOnlyCheck(), "rules")
                .filter(t -> ids.contains(t.getDisplayName().substring(0, t.getDisplayName().indexOf('/'))));
    }
}
