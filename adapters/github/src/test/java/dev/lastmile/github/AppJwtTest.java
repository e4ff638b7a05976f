package dev.lastmile.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AppJwtTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void theJwtIsRs256WithIatBackdatedAndExpiryWithinTenMinutes() throws Exception {
        String jwt = AppJwt.create(TestApp.APP_ID, AppJwt.privateKey(TestApp.pkcs1Pem()), NOW);
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);

        ObjectMapper m = new ObjectMapper();
        JsonNode header = m.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = m.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo(TestApp.APP_ID);
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
        assertThat(claims.path("exp").asLong()).isGreaterThan(NOW.getEpochSecond())
                .isLessThanOrEqualTo(NOW.getEpochSecond() + 600);

        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(TestApp.KEYS.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void pkcs1AndPkcs8KeysReadAsTheSameKey() {
        assertThat(AppJwt.privateKey(TestApp.pkcs1Pem()).getEncoded()).isEqualTo(TestApp.KEYS.getPrivate().getEncoded());
        assertThat(AppJwt.privateKey(TestApp.pkcs8Pem()).getEncoded()).isEqualTo(TestApp.KEYS.getPrivate().getEncoded());
        // Windows line ends and surrounding whitespace, as secrets pasted into a console arrive
        assertThat(AppJwt.privateKey("  " + TestApp.pkcs1Pem().replace("\n", "\r\n"))).isNotNull();
    }

    @Test
    void badKeysFailWithoutEchoingKeyMaterial() {
        String pem = TestApp.pkcs1Pem();
        String broken = pem.replace(pem.substring(60, 120), "!!!!");
        assertThatThrownBy(() -> AppJwt.privateKey(broken)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pem.substring(40, 60)));
        assertThatThrownBy(() -> AppJwt.privateKey("ssh-rsa AAAA")).hasMessageContaining("not a PEM RSA key");
        assertThatThrownBy(() -> AppJwt.privateKey(null)).hasMessageContaining("no GitHub App private key");
        assertThatThrownBy(() -> AppJwt.create("12\"}", TestApp.KEYS.getPrivate(), NOW)).hasMessageContaining("App id");
    }
}
