package dev.lastmile.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.testing.LineMatchCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanEngineTest {

    private final ScanEngine engine = new ScanEngine();
    private final Check check = new LineMatchCheck("BAD");

    private ScanResult pr(InMemorySource src) {
        return engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 7, null, List.of(check), null));
    }

    @Test
    void findingsOnChangedLinesAreNewAndOthersInTheFileExisting() {
        InMemorySource src = new InMemorySource("o/r")
                .put("base", "a.sql", "BAD old\nok\n")
                .put("head", "a.sql", "BAD old\nok\nBAD new\n")
                .put("base", "untouched.sql", "BAD\n").put("head", "untouched.sql", "BAD\n");
        ScanResult r = pr(src);
        assertThat(r.findings()).extracting(Finding::path, Finding::line, Finding::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.sql", 1, FindingStatus.EXISTING),
                org.assertj.core.groups.Tuple.tuple("a.sql", 3, FindingStatus.NEW));
        assertThat(r.failing()).singleElement().extracting(Finding::line).isEqualTo(3);
        assertThat(r.failed()).isTrue();
        assertThat(r.pullRequest()).isEqualTo(7);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.check()).isEqualTo("test"));
    }

    @Test
    void aFullScanJudgesEveryFileAndCountsExistingFindings() {
        InMemorySource src = new InMemorySource("o/r").put("head", "a.sql", "BAD\n").put("head", "b.sql", "fine\nBAD\n");
        ScanResult r = engine.scan(new ScanEngine.Request(src, null, "head", ScanMode.FULL, null, null, List.of(check), null));
        assertThat(r.base()).isNull();
        assertThat(r.findings()).hasSize(2).allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.EXISTING));
        assertThat(r.failing()).hasSize(2);
    }

    @Test
    void belowTheThresholdNothingFails() {
        InMemorySource src = new InMemorySource("o/r").revision("base").put("head", "a.sql", "BAD\n")
                .put("base", ".lastmile.yml", "rules:\n  TST001: medium\n");
        ScanResult r = pr(src);
        assertThat(r.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.MEDIUM);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void thePolicyComesFromTheBaseSoAPullRequestCannotSwitchOffItsOwnChecks() {
        InMemorySource src = new InMemorySource("o/r")
                .put("base", "x.txt", "x\n")
                .put("head", "x.txt", "x\n")
                .put("head", ".lastmile.yml", "rules:\n  TST001: off\n")
                .put("head", "a.sql", "BAD\n");
        ScanResult r = pr(src);
        assertThat(r.policyChanged()).isTrue();
        assertThat(r.policy().isDefault()).isTrue();
        assertThat(r.findings()).hasSize(1);
    }

    @Test
    void disabledRulesIgnoredPathsAndSeverityOverridesApply() {
        InMemorySource src = new InMemorySource("o/r")
                .put("base", ".lastmile.yml", "ignore: ['vendor/']\nrules:\n  test.marker.found: {severity: critical}\n")
                .put("head", ".lastmile.yml", "ignore: ['vendor/']\nrules:\n  test.marker.found: {severity: critical}\n")
                .put("head", "vendor/a.sql", "BAD\n").put("head", "dbt_packages/p/m.sql", "BAD\n").put("head", "b.sql", "BAD\n");
        ScanResult r = pr(src);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("b.sql");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        InMemorySource off = new InMemorySource("o/r").put("base", ".lastmile.yml", "rules:\n  TST001: off\n")
                .put("head", ".lastmile.yml", "rules:\n  TST001: off\n").put("head", "b.sql", "BAD\n");
        assertThat(pr(off).findings()).isEmpty();
    }

    @Test
    void aChecksOwnGradingStandsUnlessThePolicyOverridesIt() {
        Check graded = new LineMatchCheck("BAD") {
            @Override
            public CheckResult run(ScanContext context) {
                CheckResult r = super.run(context);
                return new CheckResult(r.findings().stream().map(f -> f.withSeverity(Severity.CRITICAL)).toList(),
                        r.filesScanned());
            }
        };
        InMemorySource src = new InMemorySource("o/r").revision("base").put("head", "a.sql", "BAD\n");
        ScanResult r = engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null, null, List.of(graded), null));
        assertThat(r.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
        Policy lower = PolicyLoader.parse(".lastmile.yml", "rules:\n  TST001: low\n");
        ScanResult overridden = engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null, lower,
                List.of(graded), null));
        assertThat(overridden.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
    }

    @Test
    void suppressionsWithAReasonSilenceAndWithoutOneAreReported() {
        InMemorySource src = new InMemorySource("o/r").revision("base")
                .put("head", "a.sql", "BAD -- lastmile:ignore TST001 -- fixture data\n-- lastmile:ignore TST001\nBAD again\n");
        ScanResult r = pr(src);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("TST001"))
                .extracting(Finding::line, Finding::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, FindingStatus.SUPPRESSED),
                        org.assertj.core.groups.Tuple.tuple(3, FindingStatus.NEW));
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("LM001")).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.status()).isEqualTo(FindingStatus.NEW);
            assertThat(f.message()).contains("has no reason");
        });
        assertThat(r.findings().getFirst().properties()).containsEntry("suppressionReason", "fixture data");
        assertThat(r.failing()).extracting(Finding::line).containsExactly(3);
    }

    @Test
    void fingerprintsSurviveUnrelatedLinesMovingAndTellTwinsApart() {
        InMemorySource one = new InMemorySource("o/r").revision("base").put("head", "a.sql", "BAD x\nBAD x\nBAD y\n");
        InMemorySource moved = new InMemorySource("o/r").revision("base")
                .put("head", "a.sql", "-- a new header\n\nBAD x\nBAD x\n\nBAD y\n");
        List<String> before = pr(one).findings().stream().map(Finding::fingerprint).toList();
        List<String> after = pr(moved).findings().stream().map(Finding::fingerprint).toList();
        assertThat(before).hasSize(3).doesNotHaveDuplicates();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aCheckThatThrowsBecomesAnInformationalFindingNotACrash() {
        Check broken = new Check() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<dev.lastmile.core.model.RuleMeta> rules() {
                return List.of();
            }

            @Override
            public CheckResult run(ScanContext context) {
                throw new ExceptionInInitializerError(new IllegalStateException("boom"));
            }
        };
        InMemorySource src = new InMemorySource("o/r").revision("base").put("head", "a.sql", "x\n");
        ScanResult r = engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, null, null,
                List.of(broken, check), null));
        assertThat(r.runs()).hasSize(2);
        assertThat(r.runs().getFirst().incomplete()).singleElement().asString().contains("ExceptionInInitializerError");
        assertThat(r.runs().getFirst().findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("LM002");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void anOverrideNamingNoRuleOfALoadedCheckIsAPolicyError() {
        Policy p = PolicyLoader.parse(".lastmile.yml", "rules:\n  TST999: off\n  SQL001: off\n");
        assertThatThrownBy(() -> ScanEngine.validate(p, List.of(check)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 2, key 'rules.TST999': no rule is called 'TST999'");
        // SQL001 belongs to a check not loaded here (a Lambda function carries one check): not an error
        ScanEngine.validate(PolicyLoader.parse(".lastmile.yml", "rules:\n  SQL001: off\n"), List.of(check));
    }

    @Test
    void aBrokenPolicyInTheRepositoryIsAnError() {
        InMemorySource src = new InMemorySource("o/r").put("base", ".lastmile.yml", "fail_on: [\n").put("head", "a.sql", "x");
        assertThatThrownBy(() -> pr(src)).isInstanceOf(PolicyException.class).hasMessageContaining(".lastmile.yml line");
    }

    /** The one redaction layer: whatever a check quotes, no secret leaves the engine. */
    @Test
    void everyCheckIsRedactedSecretsFoundBySiblingChecksToo() {
        String found = "nq7Lk2Vx9TzR"; // what a credentials check found somewhere in the scan
        Check finder = new Check() {
            public String name() {
                return "finder";
            }

            public List<dev.lastmile.core.model.RuleMeta> rules() {
                return List.of();
            }

            public CheckResult run(ScanContext context) {
                context.redactor().register(found);
                return new CheckResult(List.of(), 0);
            }
        };
        Check quoter = new Check() {
            public String name() {
                return "quoter";
            }

            public List<dev.lastmile.core.model.RuleMeta> rules() {
                return List.of(LineMatchCheck.RULE);
            }

            public CheckResult run(ScanContext context) {
                try {
                    Thread.sleep(50); // finishes after the finder; the engine redacts again once all are done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Finding f = Finding.of(LineMatchCheck.RULE, "a.sql", dev.lastmile.core.model.Region.line(1),
                        "unexpected token " + found).withProperty("statement", "select '" + found + "'");
                return new CheckResult(List.of(f), 1, List.of("could not fetch git+https://ci:" + found + "@host/x.git"));
            }
        };
        InMemorySource src = new InMemorySource("o/r").put("base", "x", "").put("head", "a.sql",
                "BAD create user etl PASSWORD = 'Hx8#pL2qRv5mZt9w'\n");
        ScanResult r = engine.scan(new ScanEngine.Request(src, "base", "head", ScanMode.PULL_REQUEST, 7, null,
                List.of(finder, quoter, check), null));
        String everything = dev.lastmile.core.output.JsonReport.write(r) + dev.lastmile.core.output.Sarif.write(r)
                + dev.lastmile.core.output.MarkdownSummary.render(r, null);
        assertThat(everything).doesNotContain(found).doesNotContain("Hx8#pL2qRv5mZt9w").contains("Hx…9w");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("PASSWORD = 'Hx…9w'"));
    }

    /** Nothing skipped in silence: UTF-16 is decoded, binary-looking files are read as far as they can be and said so. */
    @Test
    void utf16IsReadAndBinaryLookingFilesAreReadAndNamed() {
        byte[] utf16 = "x\nBAD here\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE); // no BOM
        byte[] bom16 = "BAD too\n".getBytes(java.nio.charset.StandardCharsets.UTF_16); // big-endian with BOM
        byte[] binary = "PK\u0003\u0004\u0000\u0000\nBAD inside\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        InMemorySource src = new InMemorySource("o/r").put("base", "x", "")
                .putBytes("head", "u16.sql", utf16).putBytes("head", "bom.sql", bom16).putBytes("head", "blob.bin", binary);
        ScanResult r = pr(src);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("TST001"))
                .extracting(Finding::path, Finding::line).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("u16.sql", 2), org.assertj.core.groups.Tuple.tuple("bom.sql", 1),
                        org.assertj.core.groups.Tuple.tuple("blob.bin", 2));
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("LM003")).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("blob.bin"))
                .satisfies(f -> assertThat(f.message()).contains("blob.bin").contains("binary-looking"));
        assertThat(r.runs().getFirst().incomplete()).singleElement().asString().contains("blob.bin");
    }
}
