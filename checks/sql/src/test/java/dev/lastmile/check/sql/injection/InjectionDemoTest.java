package dev.lastmile.check.sql.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo pull request (examples/demo/pr) shows every injection rule, each where its comment says. */
class InjectionDemoTest {

    private static final List<String> DEMO_FILES = List.of(
            "examples/demo/pr/macros/payment_maintenance.sql",
            "examples/demo/pr/scripts/backfill_payments.py",
            "examples/demo/pr/scripts/export_orders.py");

    @Test
    void everyInjectionRuleFiresInTheDemo() throws IOException {
        Path root = repositoryRoot();
        InjectionAnalyzer analyzer = new InjectionAnalyzer();
        List<Finding> findings = new ArrayList<>();
        for (String file : DEMO_FILES) {
            findings.addAll(analyzer.analyze(file, Files.readString(root.resolve(file))));
        }

        List<String> expected = InjectionRules.all().stream().map(RuleMeta::id).toList();
        assertThat(findings).extracting(Finding::ruleId).containsExactlyInAnyOrderElementsOf(expected);
        // the safe counter-example in the script (a query parameter) stays quiet
        assertThat(findings).filteredOn(f -> f.path().endsWith("backfill_payments.py")).extracting(Finding::line).containsExactly(14);
        // the half-written script is reported where its unterminated string starts
        assertThat(findings).filteredOn(f -> f.path().endsWith("export_orders.py"))
                .extracting(Finding::ruleId, Finding::line).containsExactly(org.assertj.core.groups.Tuple.tuple("SQL019", 7));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/demo/pr"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above the module").isNotNull();
        return dir;
    }
}
