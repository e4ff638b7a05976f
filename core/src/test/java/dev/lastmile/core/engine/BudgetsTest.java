package dev.lastmile.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.Budgets;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-file and per-check time budgets: one file or one check that hangs, overflows its stack or runs out of memory
 * ends in LM004 (or LM002) and an incomplete note naming it and the budget, and everything else stands. Without the
 * budgets these scans never end (the class's time-out fails them).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BudgetsTest {

    /** A short file budget in a check budget that a loaded machine cannot reach. */
    private static final Budgets SHORT_FILES = new Budgets(Duration.ofSeconds(2), Duration.ofSeconds(120));
    private static final Budgets SHORT_CHECKS = new Budgets(Duration.ofSeconds(2), Duration.ofSeconds(4));

    /** A check that analyses each file within the per-file budget; a file's content says how it misbehaves. */
    static final class PerFileCheck implements Check {
        @Override
        public String name() {
            return "perfile";
        }

        @Override
        public List<RuleMeta> rules() {
            return List.of(LineMatchCheck.RULE);
        }

        @Override
        public CheckResult run(ScanContext context) {
            List<Finding> out = new ArrayList<>();
            for (ChangedFile f : context.filesToScan()) {
                String text = context.readHead(f.path()).orElse("");
                Optional<List<Finding>> r = context.withinFileBudget(f.path(), () -> analyse(f.path(), text));
                r.ifPresent(out::addAll);
            }
            return new CheckResult(out, context.filesToScan().size());
        }

        private static List<Finding> analyse(String path, String text) {
            if (text.startsWith("HANG")) {
                while (true) {
                    Thread.onSpinWait(); // ignores interrupts, like a regex stuck in backtracking
                    if (Thread.currentThread().isInterrupted()) {
                        return List.of(); // only so the test leaves no spinning thread behind
                    }
                }
            }
            if (text.startsWith("DEEP")) {
                return recurse(0);
            }
            if (text.startsWith("HUGE")) {
                long[] big = new long[Integer.MAX_VALUE - 8];
                return List.of(Finding.of(LineMatchCheck.RULE, path, Region.line(1), "never " + big.length));
            }
            return List.of(Finding.of(LineMatchCheck.RULE, path, Region.line(1), "analysed"));
        }

        private static List<Finding> recurse(int depth) {
            return depth < 0 ? List.of() : recurse(depth + 1);
        }
    }

    /** A check that never returns on its own (it keeps reading, as a check looping over a huge project would). */
    static final class StuckCheck implements Check {
        @Override
        public String name() {
            return "stuck";
        }

        @Override
        public List<RuleMeta> rules() {
            return List.of();
        }

        @Override
        public CheckResult run(ScanContext context) {
            while (true) {
                context.withinFileBudget("a.sql", () -> context.readHead("a.sql")); // reads throw once stopped
            }
        }
    }

    private static InMemorySource repo() {
        return new InMemorySource("o/r").revision("base")
                .put("head", "a.sql", "BAD fine\n")
                .put("head", "hang.sql", "HANG\n")
                .put("head", "deep.sql", "DEEP\n")
                .put("head", "huge.sql", "HUGE\n")
                .put("head", "z.sql", "BAD too\n");
    }

    private static ScanResult scan(ScanEngine engine, InMemorySource src, Check... checks) {
        return engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 1, null, List.of(checks), null));
    }

    @Test
    void aFileThatHangsOverflowsOrExhaustsMemoryIsNamedAndTheOtherFilesStand() {
        ScanResult r = scan(new ScanEngine().withBudgets(SHORT_FILES), repo(), new PerFileCheck());
        CheckRun run = r.runs().getFirst();
        assertThat(run.findings()).filteredOn(f -> f.ruleId().equals("TST001")).extracting(Finding::path)
                .containsExactly("a.sql", "z.sql");
        assertThat(run.findings()).filteredOn(f -> f.ruleId().equals("LM004")).extracting(Finding::path)
                .containsExactly("deep.sql", "hang.sql", "huge.sql");
        assertThat(run.findings()).filteredOn(f -> f.path().equals("hang.sql")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("2 s (limits.file_seconds)"));
        assertThat(run.findings()).filteredOn(f -> f.path().equals("deep.sql")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("StackOverflowError"));
        assertThat(run.findings()).filteredOn(f -> f.path().equals("huge.sql")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("OutOfMemoryError"));
        assertThat(run.incomplete()).hasSize(3).allSatisfy(n -> assertThat(n).contains("not fully analysed"));
    }

    @Test
    void aCheckOverItsBudgetIsStoppedNamedAndTheOtherChecksStand() {
        ScanResult r = scan(new ScanEngine().withBudgets(SHORT_CHECKS), repo(), new StuckCheck(), new LineMatchCheck("BAD"));
        assertThat(r.runs()).extracting(CheckRun::check).containsExactly("stuck", "test");
        CheckRun stuck = r.runs().getFirst();
        assertThat(stuck.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("LM004");
            assertThat(f.message()).contains("The stuck check did not finish within 4 s (limits.check_seconds)");
        });
        assertThat(stuck.incomplete()).singleElement().asString().contains("did not finish within 4 s");
        assertThat(r.runs().get(1).findings()).extracting(Finding::path).containsExactly("a.sql", "z.sql");
        assertThat(r.runs().get(1).incomplete()).isEmpty();
    }

    @Test
    void aDeadlineCapsTheCheckBudgetSoAFunctionReportsInsteadOfTimingOut() {
        ScanEngine engine = new ScanEngine().withDeadline(Instant.now().plusSeconds(2));
        ScanResult r = scan(engine, repo(), new StuckCheck());
        assertThat(r.runs().getFirst().findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("LM004");
            assertThat(f.message()).contains("(the time the function had left)");
        });
    }

    @Test
    void thePolicySetsTheBudgetsAndABadValueIsAPolicyError() {
        InMemorySource src = repo().put("base", ".lastmile.yml", "limits:\n  file_seconds: 1\n");
        ScanResult r = scan(new ScanEngine(), src, new PerFileCheck());
        assertThat(r.runs().getFirst().findings()).filteredOn(f -> f.path().equals("hang.sql")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("1 s (limits.file_seconds)"));

        assertThat(Budgets.from(PolicyLoader.parse(".lastmile.yml", "version: 1\n"))).isEqualTo(Budgets.defaults());
        assertThatThrownBy(() -> Budgets.from(PolicyLoader.parse(".lastmile.yml", "limits:\n  file_seconds: 0\n")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("limits.file_seconds");
        assertThatThrownBy(() -> Budgets.from(PolicyLoader.parse(".lastmile.yml", "limits:\n  files_seconds: 3\n")))
                .isInstanceOf(PolicyException.class);
    }
}
