package dev.lastmile.check.dependencies.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.lastmile.check.dependencies.DependencyCheck;
import dev.lastmile.check.dependencies.DependencyOptions;
import dev.lastmile.check.dependencies.testing.TestAnswers;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.LocalObjectStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependency check on a 2,000-package lockfile (package-lock.json, lockfile v3), in a full scan:
 * <ol>
 *   <li>cold: empty cache, against a local WireMock answering like deps.dev and OSV; counts the requests by kind;</li>
 *   <li>warm: the same scan again over the cache the first run filled (a directory, as the CLI uses); no request.</li>
 * </ol>
 * A main class, not a test: run it by hand, the figures go into docs/dependencies.md.
 * <pre>
 * ./mvnw -q -pl checks/dependencies test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/cp.txt
 * cd checks/dependencies &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     dev.lastmile.check.dependencies.bench.DependencyBenchmark
 * </pre>
 */
public final class DependencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PACKAGES = 2000;
    /** One package in fifty has an advisory; ten distinct advisories in all (so records are fetched once each). */
    private static final int VULNERABLE_EVERY = 50;

    public static void main(String[] args) throws Exception {
        WireMockServer server = new WireMockServer(options().dynamicPort().extensions(new VersionBatch(), new QueryBatch())
                .containerThreads(16));
        server.start();
        Path cacheDir = Files.createTempDirectory("lastmile-bench-cache");
        try {
            server.stubFor(post(urlEqualTo("/v3alpha/versionbatch")).willReturn(ok().withTransformers("versionbatch")));
            server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(ok().withTransformers("querybatch")));
            server.stubFor(get(urlPathMatching("/v1/vulns/.*")).willReturn(ok().withTransformers("querybatch")));

            InMemorySource source = new InMemorySource("bench/lockfile");
            source.revision("head");
            source.put("head", "package-lock.json", lockfile());
            URI base = URI.create(server.baseUrl());
            DependencyCheck check = new DependencyCheck(new DependencyOptions(new LocalObjectStore(cacheDir), false,
                    base, base, Clock.systemUTC()));

            long t0 = System.nanoTime();
            CheckRun cold = run(check, source);
            long coldMs = (System.nanoTime() - t0) / 1_000_000;
            Map<String, Integer> requests = new TreeMap<>();
            server.getAllServeEvents().forEach(e -> requests.merge(e.getRequest().getMethod() + " "
                    + e.getRequest().getUrl().replaceAll("/v1/vulns/.*", "/v1/vulns/{id}"), 1, Integer::sum));
            int coldTotal = server.getAllServeEvents().size();

            server.resetRequests();
            long best = Long.MAX_VALUE;
            CheckRun warm = null;
            for (int i = 0; i < 3; i++) {
                long t1 = System.nanoTime();
                warm = run(new DependencyCheck(new DependencyOptions(new LocalObjectStore(cacheDir), false, base, base,
                        Clock.systemUTC())), source);
                best = Math.min(best, (System.nanoTime() - t1) / 1_000_000);
            }
            int warmRequests = server.getAllServeEvents().size();
            // the same cold scan with the cache in memory: how much of the cold time is writing cache files
            server.resetRequests();
            long t2 = System.nanoTime();
            run(new DependencyCheck(new DependencyOptions(new dev.lastmile.check.dependencies.testing.MemoryStore(), false,
                    base, base, Clock.systemUTC())), source);
            long coldMemoryMs = (System.nanoTime() - t2) / 1_000_000;
            System.out.printf("packages: %d (package-lock.json v3, full scan)%n", PACKAGES);
            System.out.printf("cold cache in memory instead of a directory: %d ms%n", coldMemoryMs);
            System.out.printf("cold cache: %d ms, %d requests %s, %d findings, %d not checked%n", coldMs, coldTotal,
                    requests, cold.findings().size(), cold.incomplete().size());
            System.out.printf("warm cache (best of 3, new check each time): %d ms, %d requests, %d findings, %d not checked%n",
                    best, warmRequests, warm.findings().size(), warm.incomplete().size());
        } finally {
            server.stop();
            try (var walk = Files.walk(cacheDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static CheckRun run(DependencyCheck check, InMemorySource source) {
        return new ScanEngine().scan(new ScanEngine.Request(source, null, "head", ScanMode.FULL, null,
                Policy.defaults(), List.of(check), null)).runs().get(0);
    }

    private static String lockfile() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "bench").put("lockfileVersion", 3);
        ObjectNode packages = root.putObject("packages");
        ObjectNode project = packages.putObject("");
        ObjectNode deps = project.putObject("dependencies");
        for (int i = 0; i < PACKAGES; i++) {
            String name = i % 10 == 0 ? "@bench/pkg-" + i : "pkg-" + i;
            if (i < 100) {
                deps.put(name, "^1.0.0");
            }
            packages.putObject("node_modules/" + name).put("version", "1." + (i % 7) + "." + i)
                    .put("resolved", "https://registry.npmjs.org/" + name + "/-/x.tgz");
        }
        return root.toPrettyString();
    }

    /** deps.dev v3alpha/versionbatch: every requested version, MIT or Apache-2.0, in one page. */
    static final class VersionBatch implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            try {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                ObjectNode out = JSON.createObjectNode();
                ArrayNode responses = out.putArray("responses");
                int i = 0;
                for (JsonNode req : body.path("requests")) {
                    JsonNode vk = req.path("versionKey");
                    ObjectNode item = responses.addObject();
                    item.putObject("request").set("versionKey", vk);
                    item.set("version", TestAnswers.versionBody(vk.path("system").asText(), vk.path("name").asText(),
                            vk.path("version").asText(), i++ % 3 == 0 ? "Apache-2.0" : "MIT"));
                }
                out.put("nextPageToken", "");
                return Response.Builder.like(response).but().body(out.toString()).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "versionbatch";
        }
    }

    /** OSV: querybatch answers in query order; /v1/vulns/{id} returns a record fixed in a high version. */
    static final class QueryBatch implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            try {
                String url = event.getRequest().getUrl();
                if (url.startsWith("/v1/vulns/")) {
                    String id = url.substring("/v1/vulns/".length());
                    return Response.Builder.like(response).but().body(TestAnswers.osvRecord(id, null, "npm", "pkg-0",
                            "99.0.0", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CRITICAL", "bench").toString())
                            .build();
                }
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                ObjectNode out = JSON.createObjectNode();
                ArrayNode results = out.putArray("results");
                for (JsonNode q : body.path("queries")) {
                    ObjectNode r = results.addObject();
                    String name = q.path("package").path("name").asText();
                    int n = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
                    if (n % VULNERABLE_EVERY == 0) {
                        r.putArray("vulns").addObject().put("id", "GHSA-bench-" + (n / VULNERABLE_EVERY % 10))
                                .put("modified", "2024-01-01T00:00:00Z");
                    }
                }
                return Response.Builder.like(response).but().body(out.toString()).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "querybatch";
        }
    }
}
