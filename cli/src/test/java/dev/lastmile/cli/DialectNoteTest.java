package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text report says which dialect each project was read in, and why, once per project. */
class DialectNoteTest {

    private static String note(InMemorySource s, String policy, Check... checks) {
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(s, null, "head", ScanMode.FULL, null,
                PolicyLoader.parse(".lastmile.yml", policy), List.of(checks), null));
        return DialectNote.text(s, r);
    }

    private static InMemorySource plainBigQuery() {
        InMemorySource s = new InMemorySource("acme/almanac");
        s.revision("head");
        s.put("head", "sql/a.sql", "# totals\nselect count(*) from `httparchive.summary.pages`\n");
        s.put("head", "sql/b.sql", "# by client\nselect client from `httparchive.summary.requests`\n");
        return s;
    }

    @Test
    void aRepositoryWithoutProfileOrPolicySaysWhatWasInferredAndWhy() {
        String text = note(plainBigQuery(), "{}", new SqlCheck());
        assertThat(text).contains("SQL files read as bigquery: inferred bigquery").contains("`#`");
        assertThat(text.lines().filter(l -> l.contains("read as"))).hasSize(1);
    }

    @Test
    void aDbtProjectSaysItsProfileTarget() {
        InMemorySource s = new InMemorySource("acme/shop");
        s.revision("head");
        s.put("head", "dbt_project.yml", "name: shop\nprofile: shop\n");
        s.put("head", "profiles.yml", "shop:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a}\n");
        s.put("head", "models/m.sql", "select 1 as x\n");
        assertThat(note(s, "{}", new SqlCheck())).contains("dbt project 'shop' (./) read as snowflake: adapter type of profile target 'prod'");
    }

    @Test
    void thePolicysDialectIsNamedAsSuch() {
        assertThat(note(plainBigQuery(), "sql:\n  dialect: postgres\n", new SqlCheck()))
                .contains("read as postgres: sql.dialect postgres from the policy");
    }

    @Test
    void nearMissNoLineWhenTheSqlCheckDidNotRun() {
        assertThat(note(plainBigQuery(), "{}", new SecretsCheck())).isEmpty();
    }
}
