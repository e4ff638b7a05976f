package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.internal.Masking;
import dev.lastmile.check.secrets.internal.SecretHasher;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MaskingAndHashingTest {

    @Test
    void previewShowsTwoAndTwoOfLongValuesOnly() {
        assertThat(Masking.preview("qW8rT5yU2iO9pA3s")).isEqualTo("qW…3s");
        assertThat(Masking.preview("fifteen-chars-x")).isEmpty(); // under 16: no preview (issue 14)
        assertThat(Masking.describe("short")).isEqualTo("value hidden");
        assertThat(Masking.preview("😀😀ab12cd34ef5678😀😀")).isEqualTo("😀😀…😀😀");
    }

    @Property
    void previewNeverHoldsMoreThanFourCharactersOfTheValue(@ForAll String value) {
        String p = Masking.preview(value);
        assertThat(p.codePointCount(0, p.length())).isLessThanOrEqualTo(5);
        if (value.codePointCount(0, value.length()) < Masking.MIN_PREVIEW_LENGTH) {
            assertThat(p).isEmpty();
        }
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenSet() {
        SecretHasher fromEnv = SecretHasher.fromEnvironment(java.util.Map.of(SecretHasher.ENV_KEY, "deployment-key"));
        assertThat(fromEnv.hash("v")).isEqualTo(new SecretHasher("deployment-key".getBytes(StandardCharsets.UTF_8)).hash("v"));
        SecretHasher installation = SecretHasher.fromEnvironment(java.util.Map.of());
        assertThat(installation.hash("v")).isEqualTo(SecretHasher.fromEnvironment(java.util.Map.of()).hash("v"))
                .isNotEqualTo(fromEnv.hash("v"));
    }

    @Test
    void valueCarryingRecordsPrintMaskedValuesOnly() {
        String v = "qW8rT5yU2iO9pA3s"; // lastmile:allow the acceptance scenario's sample
        assertThat(dev.lastmile.check.secrets.extract.Entry.of("password", v, 3).toString()).doesNotContain("rT5yU2")
                .contains("qW…3s");
        assertThat(new dev.lastmile.check.secrets.detect.Detector.Match(0, 16, v, "x").toString()).doesNotContain("rT5yU2");
        assertThat(new dev.lastmile.check.secrets.internal.Hit(dev.lastmile.check.secrets.rules.LiteralCredentialValue.META,
                1, 1, v, "x", "d", 1).toString()).doesNotContain("rT5yU2");
    }

    @Test
    void hashIsKeyedAndStable() {
        SecretHasher a = new SecretHasher("key-a".getBytes(StandardCharsets.UTF_8));
        SecretHasher b = new SecretHasher("key-b".getBytes(StandardCharsets.UTF_8));
        assertThat(a.hash("hunter2")).isEqualTo(a.hash("hunter2")).hasSize(64).isNotEqualTo(b.hash("hunter2"));
        assertThat(a.hash("hunter2")).isNotEqualTo(SecretHasher.sha256("hunter2"));
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?")
        assertThat(new SecretHasher("Jefe".getBytes(StandardCharsets.UTF_8)).hash("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
