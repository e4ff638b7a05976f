package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckFamily;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every family of the descriptor is built by the CLI, and each built check answers to its family's names. */
class CheckRegistryTest {

    @Test
    void everyFamilyIsBuiltUnderItsOwnNames() {
        assertThat(CheckRegistry.names()).containsExactlyElementsOf(
                Arrays.stream(CheckFamily.values()).map(CheckFamily::check).toList());
        List<Check> checks = CheckRegistry.all(new CheckRegistry.Options(true));
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            CheckFamily family = CheckFamily.values()[i];
            assertThat(check.name()).isEqualTo(family.check());
            assertThat(check.checkRunName()).isEqualTo(family.checkRunName());
            assertThat(check.getClass().getPackageName()).startsWith("dev.lastmile.check." + family.id());
            assertThat(check.rules()).as("%s rules", family).isNotEmpty().allSatisfy((RuleMeta r) -> {
                assertThat(r.id()).matches(family.rulePrefix() + "[0-9]{3}");
                assertThat(r.name()).startsWith(family.ruleNamePrefix());
            });
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> CheckRegistry.create(List.of("lint"), new CheckRegistry.Options(true)))
                .hasMessage("unknown check 'lint' (available: sql, secrets, residency, licenses, impact)");
    }
}
