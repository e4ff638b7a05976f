package dev.lastmile.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The family descriptor is unambiguous, and what users read (README, policy keys) is made from it. */
class CheckFamilyTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Pattern ROW = Pattern.compile(
            "\\| `([a-z]+)` \\| `([a-z/]+)` \\| [^|]+ \\| \\[(docs/[a-z]+\\.md)]\\((docs/[a-z]+\\.md)\\) \\|");

    @Test
    void everyNameIsUniqueAcrossFamilies() {
        for (var name : List.<java.util.function.Function<CheckFamily, String>>of(CheckFamily::check, CheckFamily::id,
                CheckFamily::checkRunName, CheckFamily::rulePrefix, CheckFamily::policySection,
                CheckFamily::functionModule, CheckFamily::functionHandler, CheckFamily::functionLogicalId,
                CheckFamily::queueVariable, CheckFamily::queueLogicalId)) {
            assertThat(Arrays.stream(CheckFamily.values()).map(name).toList()).doesNotHaveDuplicates();
        }
    }

    @Test
    void namesAreFoundBackFromTheirStrings() {
        for (CheckFamily f : CheckFamily.values()) {
            assertThat(CheckFamily.byCheck(f.check())).contains(f);
            assertThat(CheckFamily.byCheckRunName(" " + f.checkRunName().toUpperCase() + " ")).contains(f);
            assertThat(CheckFamily.checkRunNameOf(f.check())).isEqualTo(f.checkRunName());
        }
        assertThat(CheckFamily.byCheck("dependencies")).as("the module id is not the check's name").isEmpty();
        assertThat(CheckFamily.checkRunNameOf("todo")).isEqualTo("lastmile/todo");
    }

    @Test
    void theReadmeCheckTableIsTheDescriptor() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        List<List<String>> rows = new ArrayList<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            rows.add(List.of(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        List<List<String>> expected = Arrays.stream(CheckFamily.values())
                .map(f -> List.of(f.check(), f.checkRunName(), f.docsPage(), f.docsPage())).toList();
        assertThat(rows).as("README's 'What it checks' table, in the descriptor's order").isEqualTo(expected);
        for (CheckFamily f : CheckFamily.values()) {
            assertThat(REPO.resolve(f.docsPage())).isRegularFile();
        }
    }

    @Test
    void theArchitectureTableIsTheDescriptor() throws Exception {
        String architecture = Files.readString(REPO.resolve("ARCHITECTURE.md"));
        for (CheckFamily f : CheckFamily.values()) {
            String row = "| `" + f.name() + "` | `" + f.check() + "` | `" + f.id() + "` | `" + f.checkRunName() + "` | `"
                    + f.rulePrefix() + "` | `" + f.policySection() + "` | `" + f.functionModule() + "` / `"
                    + f.functionLogicalId() + "` | `" + f.queueVariable() + "` / `" + f.queueLogicalId() + "` |";
            assertThat(architecture).as("ARCHITECTURE.md's check families table").contains(row);
        }
    }

    @Test
    void thePolicyAcceptsEveryFamilysSectionAndCheckName() {
        for (CheckFamily f : CheckFamily.values()) {
            assertThat(Policy.TOP_LEVEL_KEYS).contains(f.policySection());
            Policy p = PolicyLoader.parse(".lastmile.yml", "checks: [" + f.check() + "]\n" + f.policySection() + ": {}\n");
            assertThat(p.enabledChecks()).contains(java.util.Set.of(f.check()));
        }
        Assertions.assertThatThrownBy(() -> PolicyLoader.parse(".lastmile.yml", "checks: [dependencies]\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("unknown check 'dependencies'");
        assertThat(new HashSet<>(Policy.TOP_LEVEL_KEYS)).hasSize(8 + CheckFamily.values().length);
    }
}
