package dev.lastmile.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.core.store.StoreKeys.Key;
import dev.lastmile.core.store.StoreKeys.Kind;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Keys of different things never coincide. */
class StoreKeysTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void twoRepositoriesNeverShareAnAthenaRowsKey() {
        // owner__repo__job joined: "acme/shop__x" with job "j" and "acme/shop" with job "x__j" read the same
        assertThat(StoreKeys.findingRows(DAY, "sql", "acme/shop__x", "j"))
                .isNotEqualTo(StoreKeys.findingRows(DAY, "sql", "acme/shop", "x__j"));
    }

    @Test
    void sanitisedNamesStayApart() {
        assertThat(StoreKeys.runPrefix("my shop", "j")).isNotEqualTo(StoreKeys.runPrefix("my_shop", "j"));
        assertThat(StoreKeys.runPrefix("acme/a/b", "j")).isNotEqualTo(StoreKeys.runPrefix("acme/a_b", "j"));
        assertThat(StoreKeys.findingRows(DAY, "sql", "my shop", "j")).isNotEqualTo(StoreKeys.findingRows(DAY, "sql", "my_shop", "j"));
    }

    @Test
    void aSafePartIsKeptAndAnyOtherCarriesTheFullHashOfTheOriginal() {
        assertThat(StoreKeys.part("pr-42-6dcb09b5")).isEqualTo("pr-42-6dcb09b5");
        assertThat(StoreKeys.part("a".repeat(100))).isEqualTo("a".repeat(100));
        String longer = StoreKeys.part("a".repeat(101));
        // sha256sum of 101 a's
        assertThat(longer).isEqualTo("a".repeat(35) + "-9d0793397991b57a99a07c6e6b4a92bab68dbf605345cd0b87f385a448a726bc");
        // a literal name shaped like a hashed one is hashed again, so it cannot pose as another input
        assertThat(StoreKeys.part(longer)).isNotEqualTo(longer);
        assertThat(StoreKeys.repository("Acme/Shop")).as("GitHub names are case-insensitive").isEqualTo("acme/shop");
    }

    @Property(tries = 300)
    void differentInputsNeverShareARunOrRowsKey(@ForAll String repoA, @ForAll String jobA,
                                               @ForAll String repoB, @ForAll String jobB) {
        boolean same = StoreKeys.repository(repoA).equals(StoreKeys.repository(repoB)) && jobA.equals(jobB);
        Assume.that(!same);
        assertThat(StoreKeys.runPrefix(repoA, jobA)).isNotEqualTo(StoreKeys.runPrefix(repoB, jobB));
        assertThat(StoreKeys.findingRows(DAY, "sql", repoA, jobA)).isNotEqualTo(StoreKeys.findingRows(DAY, "sql", repoB, jobB));
    }

    @Property(tries = 300)
    void partIsInjective(@ForAll String a, @ForAll String b) {
        Assume.that(!a.equals(b));
        assertThat(StoreKeys.part(a)).isNotEqualTo(StoreKeys.part(b));
    }

    @Test
    void rowsOfLookAlikeNamesAreTwoFiles() {
        List<String> keys = List.of(
                StoreKeys.findingRows(DAY, "sql", "a/b__c", "d"), StoreKeys.findingRows(DAY, "sql", "a/b", "c__d"),
                StoreKeys.findingRows(DAY, "sql", "a__b/c", "d"), StoreKeys.findingRows(DAY, "sql", "a/b_c", "d"));
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(StoreKeys.findingRows(DAY, "sql", "acme/shop", "j1"))
                .as("an ordinary name keeps the readable layout").isEqualTo("findings/dt=2026-11-25/check=sql/acme__shop__j1.jsonl");
    }

    @Property(tries = 200)
    void everyKindIsBuiltAndParsedBack(@ForAll String repo, @ForAll String job, @ForAll String check,
                                       @ForAll String other) {
        String r = StoreKeys.repository(repo);
        String j = StoreKeys.part(job);
        Assume.that(!j.startsWith("head-"));
        String c = StoreKeys.part(check);
        assertThat(parse(StoreKeys.runDocument(repo, job, check))).isEqualTo(new Key(Kind.RUN_DOCUMENT, r, j, c, null, null));
        assertThat(parse(StoreKeys.sarif(repo, job, check))).isEqualTo(new Key(Kind.SARIF, r, j, c, null, null));
        assertThat(parse(StoreKeys.checkError(repo, job, check))).isEqualTo(new Key(Kind.CHECK_ERROR, r, j, c, null, null));
        assertThat(parse(StoreKeys.families(repo, job))).isEqualTo(new Key(Kind.FAMILIES, r, j, null, null, null));
        assertThat(parse(StoreKeys.findingRows(DAY, check, repo, job)).kind()).isEqualTo(Kind.FINDING_ROWS);
        assertThat(parse(StoreKeys.findingRows(DAY, check, repo, job)).check()).isEqualTo(c);
        assertThat(parse(StoreKeys.findingRows(DAY, check, repo, job)).day()).isEqualTo("2026-11-25");
        assertThat(parse(StoreKeys.delivery(other))).isEqualTo(new Key(Kind.DELIVERY, null, null, null, null, StoreKeys.part(other)));
        assertThat(parse(StoreKeys.jobClaim(repo, job))).isEqualTo(new Key(Kind.JOB_CLAIM, r, j, null, null, null));
        assertThat(parse(StoreKeys.mergeMarker(repo, 42))).isEqualTo(new Key(Kind.MERGE_MARKER, r, null, null, null, "42"));
        assertThat(parse(StoreKeys.scheduleDecisions("2026-11-25", other)))
                .isEqualTo(new Key(Kind.SCHEDULE, null, null, null, "2026-11-25", StoreKeys.part(other)));
        assertThat(parse(StoreKeys.dependencyCache("osv", other, job)))
                .isEqualTo(new Key(Kind.DEPENDENCY_CACHE, null, null, null, null, "osv/" + StoreKeys.part(other) + "/" + j));
        assertThat(parse(StoreKeys.report("latest", other)))
                .isEqualTo(new Key(Kind.REPORT, null, null, null, "latest", StoreKeys.part(other)));
        java.time.Instant at = java.time.Instant.parse("2026-11-25T08:00:01.234Z");
        assertThat(parse(StoreKeys.auditRecord(repo, 42, at, other)))
                .isEqualTo(new Key(Kind.AUDIT_RECORD, r, StoreKeys.part(other), null, "20261125T080001234Z", "42"));
        for (String key : List.of(StoreKeys.runDocument(repo, job, check), StoreKeys.findingRows(DAY, check, repo, job),
                StoreKeys.auditRecord(repo, 42, at, other), StoreKeys.delivery(other), StoreKeys.jobClaim(repo, job), StoreKeys.dependencyCache("osv", other, job))) {
            assertThat(StoreKeys.checked(key)).isEqualTo(key);
        }
    }

    @Test
    void theHeadIndexIsItsOwnKindAndNoJobClaimCanTakeItsPrefix() {
        String sha = "6BE34C7A00000000000000000000000000000000";
        assertThat(parse(StoreKeys.jobHead("Acme/Shop", sha)))
                .isEqualTo(new Key(Kind.JOB_HEAD, "acme/shop", null, null, null, sha.toLowerCase(java.util.Locale.ROOT)));
        assertThat(parse(StoreKeys.jobClaim("acme/shop", "pr-4-" + sha)).kind()).isEqualTo(Kind.JOB_CLAIM);
        assertThatThrownBy(() -> StoreKeys.jobClaim("acme/shop", "head-" + sha))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysLastmileDoesNotWriteAreNotParsed() {
        assertThat(StoreKeys.parse("runs/acme/shop/sql.json")).isEmpty();
        assertThat(StoreKeys.parse("elsewhere/x.json")).isEmpty();
        assertThat(StoreKeys.parse(null)).isEmpty();
    }

    private static Key parse(String key) {
        return StoreKeys.parse(key).orElseThrow(() -> new AssertionError("not parsed: " + key));
    }
}
