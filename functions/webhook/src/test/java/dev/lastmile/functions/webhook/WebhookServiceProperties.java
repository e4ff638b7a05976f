package dev.lastmile.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.core.scan.CheckFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever GitHub (or anyone) sends, correctly signed or not, the webhook answers with a status and a reason: never
 * an exception, never a 5xx for the content of a request.
 */
class WebhookServiceProperties {

    private static final WebhookSignature SIGN = new WebhookSignature("It's a Secret to Everybody");
    private final List<String> sent = new ArrayList<>();
    private final WebhookService service;

    WebhookServiceProperties() throws Exception {
        Path dir = Files.createTempDirectory("webhook-properties");
        dir.toFile().deleteOnExit();
        service = new WebhookService(SIGN, new LocalObjectStore(dir), (url, body, g, d) -> sent.add(body),
                Map.of(CheckFamily.SQL, "sql-queue"), false, null);
    }

    @Property(tries = 300)
    void signedArbitraryBodiesGetAnAnswer(@ForAll("bodies") String body, @ForAll("events") String event, @ForAll boolean base64)
            throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String sent = base64 ? Base64.getEncoder().encodeToString(raw) : body;
        WebhookResponse r = service.handle(Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "d-" + body.hashCode(),
                "X-Hub-Signature-256", SIGN.sign(raw)), sent, base64);
        assertThat(r.status()).isIn(200, 202, 400, 413);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.json()).path("status").asInt()).isEqualTo(r.status());
    }

    @Property(tries = 200)
    void unsignedBodiesAreAlways401(@ForAll("bodies") String body, @ForAll("events") String event) {
        WebhookResponse r = service.handle(Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "d"), body, false);
        assertThat(r.status()).isEqualTo(401);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.oneOf(Arbitraries.of("pull_request", "push", "check_suite", "check_run", "ping", "issues", ""),
                Arbitraries.strings().ofMaxLength(20));
    }

    /** JSON-shaped text built from the fields the webhook reads, with wrong types and missing parts. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "0", "-1", "42", "\"\"", "\"opened\"", "\"synchronize\"", "\"rerequested\"",
                        "\"acme/shop\"", "\"../x\"", "\"refs/heads/main\"", "\"main\"", "\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"",
                        "[]", "{}", "{\"id\":4242}", "{\"sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}", "{\"name\":\"lastmile/sql\"}"),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> key = Arbitraries.of("action", "pull_request", "repository", "installation", "number", "head", "base",
                "draft", "state", "ref", "after", "deleted", "check_suite", "check_run", "pull_requests", "head_sha",
                "full_name", "default_branch", "requested_action", "identifier");
        Arbitrary<String> flat = Arbitraries.maps(key, value).ofMaxSize(8).map(m -> {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return b.append('}').toString();
        });
        Arbitrary<String> nested = Arbitraries.maps(key, flat).ofMaxSize(5).map(m -> {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return b.append('}').toString();
        });
        return Arbitraries.oneOf(nested, flat, Arbitraries.strings().ofMaxLength(200));
    }
}
