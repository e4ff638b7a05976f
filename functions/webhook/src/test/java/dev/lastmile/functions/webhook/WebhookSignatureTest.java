package dev.lastmile.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");
    private final byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void githubsDocumentedTestVector() {
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(signature.sign(body)).isEqualTo(documented);
        assertThat(signature.verify(body, documented)).isTrue();
        assertThat(signature.verify(body, documented.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    }

    @Test
    void anythingElseFails() {
        String good = signature.sign(body);
        assertThat(signature.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(signature.verify(body, null)).isFalse();
        assertThat(signature.verify(body, "")).isFalse();
        assertThat(signature.verify(body, good.replace("sha256=", "sha1="))).isFalse();
        assertThat(signature.verify(body, good.substring(0, good.length() - 1))).isFalse();
        assertThat(signature.verify(body, new WebhookSignature("another secret").sign(body))).isFalse();
        assertThatThrownBy(() -> new WebhookSignature("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void arbitraryHeadersNeverVerifyAndNeverThrow(@ForAll String header) {
        assertThat(signature.verify(body, header)).isFalse();
    }
}
