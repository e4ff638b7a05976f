package dev.lastmile.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every handler constructed as SnapStart constructs it when it publishes a version: the no-argument constructor, in a
 * fresh JVM, with the environment infra/template.yaml gives the function, on a first deployment, when the App's
 * secret still holds the template's placeholder (empty appId, privateKey and webhookSecret) and GitHubAppId is unset.
 * A constructor that failed would fail the version and roll the first deployment back. The constructors must not
 * even read the secret: Secrets Manager (a local HTTP server serving the placeholder) must see no request.
 */
class SnapStartConstructionTest {

    @Test
    void everyHandlerConstructsWithThePlaceholderSecretAndReadsNothing() throws Exception {
        Map<String, Object> template = Template.load();
        String placeholder = (String) TemplateTest.map(TemplateTest.map(TemplateTest.map(template.get("Resources"))
                .get("GitHubAppSecret")).get("Properties")).get("SecretString");
        AtomicInteger secretReads = new AtomicInteger();
        HttpServer secrets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secrets.createContext("/", exchange -> {
            secretReads.incrementAndGet();
            byte[] body = ("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:000000000000:secret:lastmile\",\"Name\":\"lastmile\","
                    + "\"SecretString\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(placeholder) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        secrets.start();
        try {
            Map<String, String> env = new LinkedHashMap<>();
            List<String> handlers = new ArrayList<>();
            for (var f : TemplateTest.functions().values()) {
                String handler = (String) f.get("Handler");
                handlers.add(handler.substring(0, handler.indexOf("::")));
                TemplateTest.map(TemplateTest.map(f.get("Environment")).get("Variables"))
                        .forEach((k, v) -> env.put(k, firstDeploymentValue(v)));
            }
            // S3 and SQS on a port nothing listens on: a constructor that called them would fail here too
            env.put("LASTMILE_S3_ENDPOINT", "http://127.0.0.1:9");
            env.put("LASTMILE_SQS_ENDPOINT", "http://127.0.0.1:9");
            env.put("LASTMILE_SECRETS_ENDPOINT", "http://127.0.0.1:" + secrets.getAddress().getPort());
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", "example");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");

            assertThat(handlers).hasSizeGreaterThanOrEqualTo(8);
            // one JVM per handler, as Lambda constructs each in its own environment: a read names its handler
            Map<String, Integer> reads = new LinkedHashMap<>();
            for (String h : handlers) {
                int before = secretReads.get();
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), ConstructHandlers.class.getName(), h));
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                pb.environment().keySet().removeIf(k -> k.startsWith("LASTMILE_") || k.startsWith("AWS_"));
                pb.environment().putAll(env);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(out).isZero();
                assertThat(out).as("constructing %s with the placeholder secret", h).contains("OK " + h + System.lineSeparator());
                if (secretReads.get() > before) {
                    reads.put(h, secretReads.get() - before);
                }
            }
            assertThat(reads).as("Secrets Manager requests while constructing, by handler").isEmpty();
        } finally {
            secrets.stop(0);
        }
    }

    /** A variable's value on a first deployment: parameters at their defaults, resources by a plausible name. */
    private static String firstDeploymentValue(Object v) {
        if (v instanceof String s) {
            return s;
        }
        Map<String, Object> m = TemplateTest.map(v);
        if (m.containsKey("Ref")) {
            String ref = String.valueOf(m.get("Ref"));
            Map<String, Object> parameter = TemplateTest.map(TemplateTest.map(Template.load().get("Parameters")).get(ref));
            if (!parameter.isEmpty()) {
                return String.valueOf(parameter.getOrDefault("Default", ""));
            }
            if (ref.endsWith("Queue")) {
                return "http://127.0.0.1:9/000000000000/" + ref;
            }
            if (ref.equals("GitHubAppSecret")) {
                return "arn:aws:secretsmanager:eu-west-1:000000000000:secret:lastmile-GitHubAppSecret";
            }
            return "lastmile-" + ref.toLowerCase(java.util.Locale.ROOT);
        }
        Matcher sub = Pattern.compile("\\$\\{[^}]+}").matcher(String.valueOf(m.getOrDefault("Fn::Sub", "")));
        return sub.replaceAll("x");
    }
}
