package dev.lastmile.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @Test
    void aMaskShowsAtMostFourCharactersAndNoneUnderSixteen() {
        assertThat(Redactor.mask("Zq7#mK2xZq7#mK2")).isEqualTo(Redactor.HIDDEN); // 15
        assertThat(Redactor.mask("Zq7#mK2xZq7#mK2y")).isEqualTo("Zq…2y");
        assertThat(Redactor.mask(null)).isEqualTo(Redactor.HIDDEN);
    }

    @Test
    void aSqlParseNoticeQuotingAPasswordIsMasked() {
        String notice = "could not parse: Encountered \"PASSWORD\" at line 1: create user etl PASSWORD = 'Hx8#pL2qRv5mZt9w";
        String r = Redactor.redactPatterns(notice);
        assertThat(r).doesNotContain("Hx8#pL2qRv5mZt9w").contains("PASSWORD = 'Hx…9w");
        assertThat(Redactor.redactPatterns("alter role x with password 'sh0rtPw' valid until"))
                .doesNotContain("sh0rtPw").contains(Redactor.HIDDEN);
        assertThat(Redactor.redactPatterns("CREATE USER u IDENTIFIED BY \"Tr0ub4dor&3x\"")).doesNotContain("Tr0ub4dor");
        assertThat(Redactor.redactPatterns("Server=db;Uid=etl;Pwd=Kq9vL2mXw8;Encrypt=yes")).doesNotContain("Kq9vL2mXw8");
        assertThat(Redactor.redactPatterns("curl -H 'Authorization: Bearer q8Lm2Vx9Tz4Rk7Wn'")).doesNotContain("q8Lm2Vx9");
    }

    @Test
    void urlUserInfoIsMaskedButTheUserAndHostStay() {
        String note = "could not resolve git+https://deploy:ghs_Q8mZr2Lx9VbN4cHdPa7kT5wY3sJ6eF1uI0oR@github.com/acme/lib.git";
        String r = Redactor.redactPatterns(note);
        assertThat(r).doesNotContain("Q8mZr2Lx9VbN4cHdPa7kT5wY3").contains("git+https://deploy:gh…oR@github.com/acme/lib.git");
        assertThat(Redactor.redactPatterns("https://x-oauth:hunter22@host/")).isEqualTo("https://x-oauth:[redacted]@host/");
        assertThat(Redactor.redactPatterns("https://Q8mZr2Lx9VbN4cHdPa7kT5wY3sJ6@host/")).doesNotContain("Q8mZr2Lx9VbN4");
    }

    @Test
    void providerTokensAndPrivateKeysAreMaskedWithoutContext() {
        String r = Redactor.redactPatterns("see AKIAQ3EGRHXZ7LN4WTPA and ghp_" + "a".repeat(10) + "B8cD9eF0gH1iJ2kL3mN4oP5qR6sT7u");
        assertThat(r).doesNotContain("AKIAQ3EGRHXZ7LN4WTPA").doesNotContain("B8cD9eF0gH1iJ2kL3mN4");
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx9\n-----END RSA PRIVATE KEY-----";
        assertThat(Redactor.redactPatterns("key: " + pem)).doesNotContain("MIIEowIBAAKCAQEAx9");
        assertThat(Redactor.redactPatterns("key: " + pem.substring(0, 45))).doesNotContain("MIIEow");
    }

    @Test
    void aRegisteredValueIsMaskedWhereverItIsQuoted() {
        Redactor r = new Redactor();
        r.register("nq7Lk2Vx9Tz");
        assertThat(r.redact("model x: unexpected token nq7Lk2Vx9Tz near select")).doesNotContain("nq7Lk2Vx9Tz")
                .contains(Redactor.HIDDEN);
        r.register("abc"); // too short to search for without masking ordinary words
        assertThat(r.redact("abc")).isEqualTo("abc");
    }

    /** Near misses: what lastmile itself says about credentials must read as it was written. */
    @ParameterizedTest
    @ValueSource(strings = {
            "literal credential under 'db_password'",
            "value under 'api_key' too short to be a real secret",
            "password: {{ env_var('DBT_PASSWORD') }}",
            "password = os.environ['PGPASSWORD']",
            "password: ${DB_PASSWORD}",
            "token = $GITHUB_TOKEN",
            "secret: masked qW…3s",
            "password: <your password>",
            "password: ********",
            "Column password_hash is exposed by model users",
            "Prefer keyless auth: dbt-bigquery's method: oauth with workload identity",
            "postgres://loader@db.internal:5432/warehouse",
            "git+https://github.com/acme/lib.git@v1.2.0",
            "Move the credential to a secret manager and reference it (env_var, secrets manager)."})
    void nearMissesStayAsTheyAre(String text) {
        assertThat(Redactor.redactPatterns(text)).isEqualTo(text);
    }

    @Test
    void aMegabyteOfAdversarialTextIsRedactedQuickly() {
        String line = "password=".repeat(50_000) + "pwd=x;server=".repeat(50_000) + "a://".repeat(50_000)
                + "-----BEGIN PRIVATE KEY-----".repeat(5_000);
        // a bound on termination, not a speed claim: a backtracking pattern would take hours here
        String r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> Redactor.redactPatterns(line));
        assertThat(r).isNotEmpty();
    }
}
