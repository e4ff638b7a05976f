package dev.lastmile.check.dependencies.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.testing.MemoryStore;
import dev.lastmile.check.dependencies.testing.TestAnswers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deps.dev and OSV clients against WireMock stubs shaped from the services' documented answers: OSV querybatch
 * (results in query order, {@code next_page_token} per query), {@code /v1/vulns/{id}}, deps.dev GetVersion and the
 * v3alpha version batch ({@code responses[].request.versionKey}, {@code nextPageToken}).
 */
class ServicesWireMockTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    private final List<Duration> sleeps = new ArrayList<>();
    private MemoryStore store;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        sleeps.clear();
        store = new MemoryStore();
    }

    private DependencyServices services(boolean offline, Clock clock) {
        return services(offline, clock, Duration.ofMillis(800));
    }

    private DependencyServices services(boolean offline, Clock clock, Duration requestTimeout) {
        HttpJson http = new HttpJson(HttpJson.defaultClient(Duration.ofSeconds(2)),
                new HttpJson.Settings(requestTimeout, 3, Duration.ofMillis(10), Duration.ofSeconds(5),
                        Duration.ofSeconds(60)), sleeps::add, clock);
        URI base = URI.create(server.baseUrl());
        return new DependencyServices(http, new AnswerCache(store, clock), offline, base, base, Duration.ofHours(12));
    }

    private DependencyServices services() {
        return services(false, TestAnswers.CLOCK);
    }

    private static List<PackageKey> pypi(int n) {
        return IntStream.range(0, n).mapToObj(i -> new PackageKey(Ecosystem.PYPI, "pkg" + i, "1.0." + i)).toList();
    }

    /** An OSV querybatch answer: for each query in the request, the ids {@code idsFor} gives (empty object if none). */
    private static String batchAnswer(JsonNode request, java.util.function.Function<String, List<String>> idsFor) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (JsonNode q : request.path("queries")) {
            ObjectNode r = results.addObject();
            List<String> ids = idsFor.apply(q.path("package").path("name").asText());
            if (!ids.isEmpty()) {
                ArrayNode vulns = r.putArray("vulns");
                ids.forEach(id -> vulns.addObject().put("id", id).put("modified", "2024-01-01T00:00:00Z"));
            }
        }
        return out.toString();
    }

    @Test
    void osvQueriesGoInBatchesOfAtMostOneThousandAndRecordsOncePerAdvisory() throws Exception {
        // every query is answered in order; pkg7 and pkg1207 share one advisory
        List<PackageKey> keys = pypi(2500);
        DependencyServices s = servicesAnsweringBatches(keys, Map.of("pkg7", List.of("GHSA-aaaa-bbbb-cccc"),
                "pkg1207", List.of("GHSA-aaaa-bbbb-cccc")));
        server.stubFor(get(urlEqualTo("/v1/vulns/GHSA-aaaa-bbbb-cccc")).willReturn(okJson(
                TestAnswers.osvRecord("GHSA-aaaa-bbbb-cccc", "CVE-2024-0001", "PyPI", "pkg7", "2.0", null, "HIGH",
                        "test advisory").toString())));

        Map<PackageKey, List<Advisory>> result = s.vulnerabilities(keys);

        List<LoggedRequest> batches = server.findAll(postRequestedFor(urlEqualTo("/v1/querybatch")));
        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(r -> JSON.readTree(r.getBodyAsString()).path("queries").size())
                .containsExactly(1000, 1000, 500);
        server.verify(1, getRequestedFor(urlEqualTo("/v1/vulns/GHSA-aaaa-bbbb-cccc")));
        assertThat(result).hasSize(2500);
        assertThat(result.get(keys.get(7))).extracting(Advisory::id).containsExactly("GHSA-aaaa-bbbb-cccc");
        assertThat(result.get(keys.get(1207))).extracting(Advisory::id).containsExactly("GHSA-aaaa-bbbb-cccc");
        assertThat(result.get(keys.get(8))).isEmpty();
        assertThat(s.incomplete()).isEmpty();
        assertThat(s.requestCount()).isEqualTo(4);
    }

    /** Stubs querybatch with one stub per expected chunk, answering each chunk's queries in order. */
    private DependencyServices servicesAnsweringBatches(List<PackageKey> keys, Map<String, List<String>> vulns) {
        server.resetMappings();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<PackageKey> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            ObjectNode request = JSON.createObjectNode();
            ArrayNode queries = request.putArray("queries");
            chunk.forEach(k -> queries.addObject().putObject("package").put("name", k.name()));
            server.stubFor(post(urlEqualTo("/v1/querybatch"))
                    .withRequestBody(matchingJsonPath("$.queries[0].package.name", equalTo(chunk.get(0).name())))
                    .willReturn(okJson(batchAnswer(request, n -> vulns.getOrDefault(n, List.of())))));
        }
        return services();
    }

    @Test
    void osvPagingAsksAgainOnlyForThePagedQueryWithItsToken() throws Exception {
        // first answer: pkg0 has one advisory and more to come; pkg1 has none
        server.stubFor(post(urlEqualTo("/v1/querybatch")).atPriority(5).willReturn(okJson("""
                {"results": [
                  {"vulns": [{"id": "OSV-1", "modified": "2024-01-01T00:00:00Z"}], "next_page_token": "TOKEN-2"},
                  {}
                ]}""")));
        server.stubFor(post(urlEqualTo("/v1/querybatch")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.queries[0].page_token", equalTo("TOKEN-2")))
                .willReturn(okJson("""
                        {"results": [{"vulns": [{"id": "OSV-2", "modified": "2024-01-01T00:00:00Z"}]}]}""")));
        for (String id : List.of("OSV-1", "OSV-2")) {
            server.stubFor(get(urlEqualTo("/v1/vulns/" + id)).willReturn(okJson(
                    TestAnswers.osvRecord(id, null, "PyPI", "pkg0", "9.0", null, "LOW", "x").toString())));
        }
        List<PackageKey> keys = pypi(2);

        Map<PackageKey, List<Advisory>> result = services().vulnerabilities(keys);

        List<LoggedRequest> batches = server.findAll(postRequestedFor(urlEqualTo("/v1/querybatch")));
        assertThat(batches).hasSize(2);
        JsonNode second = JSON.readTree(batches.get(1).getBodyAsString());
        assertThat(second.path("queries")).hasSize(1);
        assertThat(second.path("queries").get(0).path("package").path("name").asText()).isEqualTo("pkg0");
        assertThat(result.get(keys.get(0))).extracting(Advisory::id).containsExactlyInAnyOrder("OSV-1", "OSV-2");
        assertThat(result.get(keys.get(1))).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        server.stubFor(post(urlEqualTo("/v1/querybatch")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo("/v1/querybatch")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"results\": [{}]}")));

        DependencyServices s = services();
        Map<PackageKey, List<Advisory>> result = s.vulnerabilities(pypi(1));

        assertThat(result).hasSize(1);
        assertThat(s.incomplete()).isEmpty();
        assertThat(s.requestCount()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
    }

    @Test
    void rateLimitHonoursRetryAfter() {
        server.stubFor(post(urlEqualTo("/v1/querybatch")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/v1/querybatch")).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"results\": [{}]}")));

        DependencyServices s = services();
        s.vulnerabilities(pypi(1));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(s.incomplete()).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanWeWaitGivesUpAtOnceAndSaysWhat() {
        server.stubFor(post(urlEqualTo("/v1/querybatch"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        DependencyServices s = services();
        Map<PackageKey, List<Advisory>> result = s.vulnerabilities(pypi(2));

        assertThat(result).isEmpty();
        assertThat(s.requestCount()).isEqualTo(1);
        assertThat(s.incomplete()).hasSize(2).allMatch(l -> l.contains("vulnerabilities not checked")
                && l.contains("retry after 3600 s"));
    }

    @Test
    void persistentFailureEndsAfterTheLastAttemptAsNotChecked() {
        server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(aResponse().withStatus(500)));
        server.stubFor(post(urlEqualTo("/v3alpha/versionbatch")).willReturn(aResponse().withStatus(502)));
        server.stubFor(get(urlPathMatching("/v3/systems/.*")).willReturn(aResponse().withStatus(502)));

        DependencyServices s = services();
        List<PackageKey> keys = pypi(5);
        assertThat(s.vulnerabilities(keys)).isEmpty();
        assertThat(s.licenses(keys)).isEmpty();

        // 3 attempts each: one OSV batch, one deps.dev batch, then the five versions one by one on the stable API
        assertThat(s.requestCount()).isEqualTo(3 + 3 + 5 * 3);
        assertThat(s.incomplete()).hasSize(10)
                .anyMatch(l -> l.startsWith("pypi/pkg0@1.0.0: license not checked") && l.contains("HTTP 502"))
                .anyMatch(l -> l.startsWith("pypi/pkg4@1.0.4: vulnerabilities not checked") && l.contains("HTTP 500"));
    }

    @Test
    void aSlowServiceTimesOut() {
        server.stubFor(get(urlPathMatching("/v3/systems/.*")).willReturn(okJson("{}").withFixedDelay(2000)));

        DependencyServices s = services();
        assertThat(s.licenses(pypi(1))).isEmpty();
        assertThat(s.incomplete()).singleElement().asString().contains("timed out");
    }

    @Test
    void aServerTricklingItsAnswerIsCutOff() {
        // headers at once, then the body over 4 s: the request time-out alone (0.8 s, headers only) would not end it
        server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(okJson("{\"results\": [{}]}")
                .withChunkedDribbleDelay(10, 4000)));
        HttpJson oneAttempt = new HttpJson(HttpJson.defaultClient(Duration.ofSeconds(2)),
                new HttpJson.Settings(Duration.ofMillis(400), 1, Duration.ofMillis(10), Duration.ofSeconds(5),
                        Duration.ofSeconds(60)), sleeps::add, TestAnswers.CLOCK);
        URI base = URI.create(server.baseUrl());
        DependencyServices s = new DependencyServices(oneAttempt, new AnswerCache(store, TestAnswers.CLOCK), false,
                base, base, Duration.ofHours(12));
        assertThat(s.vulnerabilities(pypi(1))).isEmpty();
        assertThat(s.incomplete()).singleElement().asString().contains("timed out");
    }

    @Test
    void anAnswerOverTheSizeLimitIsRefusedWithoutRetry() {
        server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(okJson("{\"results\": [{}], \"pad\": \""
                + "x".repeat(5000) + "\"}")));
        HttpJson small = new HttpJson(HttpJson.defaultClient(Duration.ofSeconds(2)),
                new HttpJson.Settings(Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofSeconds(5),
                        Duration.ofSeconds(60), 1000), sleeps::add, TestAnswers.CLOCK);
        URI base = URI.create(server.baseUrl());
        DependencyServices s = new DependencyServices(small, new AnswerCache(store, TestAnswers.CLOCK), false, base,
                base, Duration.ofHours(12));
        assertThat(s.vulnerabilities(pypi(1))).isEmpty();
        assertThat(s.incomplete()).singleElement().asString().contains("larger than 1000 bytes");
        assertThat(s.requestCount()).isEqualTo(1);
    }

    @Test
    void aFewLicensesUseTheStableVersionEndpointWithEncodedNames() {
        server.stubFor(get(urlEqualTo("/v3/systems/NPM/packages/%40scope%2Fwidget/versions/1.0.0"))
                .willReturn(okJson(TestAnswers.versionBody("NPM", "@scope/widget", "1.0.0", "MIT OR Apache-2.0")
                        .toString())));
        server.stubFor(get(urlEqualTo("/v3/systems/MAVEN/packages/org.slf4j%3Aslf4j-api/versions/2.0.13"))
                .willReturn(aResponse().withStatus(404).withBody("{\"error\": \"not found\"}")));

        DependencyServices s = services();
        PackageKey widget = new PackageKey(Ecosystem.NPM, "@scope/widget", "1.0.0");
        PackageKey slf4j = new PackageKey(Ecosystem.MAVEN, "org.slf4j:slf4j-api", "2.0.13");
        Map<PackageKey, DependencyServices.LicenseAnswer> answers = s.licenses(List.of(widget, slf4j));

        assertThat(answers.get(widget).licenses()).containsExactly("MIT OR Apache-2.0");
        assertThat(answers.get(slf4j).known()).isFalse();
        assertThat(s.incomplete()).isEmpty();
    }

    @Test
    void manyLicensesUseTheBatchEndpointAndFollowItsPages() throws Exception {
        List<PackageKey> keys = pypi(6);
        ObjectNode page1 = JSON.createObjectNode();
        ArrayNode r1 = page1.putArray("responses");
        for (int i = 0; i < 4; i++) {
            ObjectNode item = r1.addObject();
            item.putObject("request").set("versionKey", versionKey(keys.get(i)));
            item.set("version", TestAnswers.versionBody("PYPI", keys.get(i).name(), keys.get(i).version(), "MIT"));
        }
        page1.put("nextPageToken", "PAGE-2");
        ObjectNode page2 = JSON.createObjectNode();
        ArrayNode r2 = page2.putArray("responses");
        ObjectNode found = r2.addObject();
        found.putObject("request").set("versionKey", versionKey(keys.get(4)));
        found.set("version", TestAnswers.versionBody("PYPI", keys.get(4).name(), keys.get(4).version(), "BSD-3-Clause"));
        r2.addObject().putObject("request").set("versionKey", versionKey(keys.get(5))); // unknown: no "version"
        page2.put("nextPageToken", "");
        server.stubFor(post(urlEqualTo("/v3alpha/versionbatch")).atPriority(5).willReturn(okJson(page1.toString())));
        server.stubFor(post(urlEqualTo("/v3alpha/versionbatch")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.pageToken", equalTo("PAGE-2"))).willReturn(okJson(page2.toString())));

        DependencyServices s = services();
        Map<PackageKey, DependencyServices.LicenseAnswer> answers = s.licenses(keys);

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v3alpha/versionbatch")))).hasSize(2);
        JsonNode firstBody = JSON.readTree(server.findAll(postRequestedFor(urlEqualTo("/v3alpha/versionbatch")))
                .get(0).getBodyAsString());
        assertThat(firstBody.path("requests")).hasSize(6);
        assertThat(answers.get(keys.get(0)).licenses()).containsExactly("MIT");
        assertThat(answers.get(keys.get(4)).licenses()).containsExactly("BSD-3-Clause");
        assertThat(answers.get(keys.get(5)).known()).isFalse();
        assertThat(s.incomplete()).isEmpty();
    }

    @Test
    void whenTheAlphaBatchFailsAFewVersionsAreAskedOnTheStableEndpoint() {
        server.stubFor(post(urlEqualTo("/v3alpha/versionbatch")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathMatching("/v3/systems/PYPI/packages/.*")).willReturn(okJson(
                TestAnswers.versionBody("PYPI", "any", "1", "Apache-2.0").toString())));

        DependencyServices s = services();
        Map<PackageKey, DependencyServices.LicenseAnswer> answers = s.licenses(pypi(5));

        assertThat(answers).hasSize(5).allSatisfy((k, a) -> assertThat(a.licenses()).containsExactly("Apache-2.0"));
        assertThat(s.incomplete()).isEmpty();
        assertThat(server.findAll(getRequestedFor(urlPathMatching("/v3/systems/.*")))).hasSize(5);
    }

    @Test
    void releaseListsAreFetchedTogetherAndOnce() {
        server.stubFor(get(urlPathMatching("/v3/systems/PYPI/packages/[^/]+")).willReturn(okJson("""
                {"packageKey": {"system": "PYPI", "name": "x"},
                 "versions": [{"versionKey": {"system": "PYPI", "name": "x", "version": "1.0.0"}, "isDefault": false},
                              {"versionKey": {"system": "PYPI", "name": "x", "version": "1.2.0"}, "isDefault": true},
                              {"versionKey": {"system": "PYPI", "name": "x", "version": "2.0.0"}, "isDeprecated": true}]}
                """).withFixedDelay(300)));
        DependencyServices s = services(false, TestAnswers.CLOCK, Duration.ofSeconds(10));
        List<PackageKey> names = IntStream.range(0, 8).mapToObj(i -> new PackageKey(Ecosystem.PYPI, "p" + i, "")).toList();

        long t0 = System.nanoTime();
        s.prefetchReleases(names);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (PackageKey k : names) {
            assertThat(s.releases(Ecosystem.PYPI, k.name())).contains(List.of("1.0.0", "1.2.0"));
        }

        assertThat(server.findAll(getRequestedFor(urlPathMatching("/v3/systems/PYPI/packages/[^/]+")))).hasSize(8);
        assertThat(ms).as("eight 300 ms answers in parallel, not 2.4 s in a row").isLessThan(2200);
    }

    private static ObjectNode versionKey(PackageKey k) {
        ObjectNode vk = JSON.createObjectNode();
        vk.put("system", "PYPI").put("name", k.name()).put("version", k.version());
        return vk;
    }

    @Test
    void answersAreCachedSoTheSecondScanAsksNothing() {
        server.stubFor(get(urlPathMatching("/v3/systems/PYPI/.*")).willReturn(okJson(
                TestAnswers.versionBody("PYPI", "pkg0", "1.0.0", "MIT").toString())));
        server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(okJson("{\"results\": [{}]}")));

        DependencyServices first = services();
        first.licenses(pypi(1));
        first.vulnerabilities(pypi(1));
        assertThat(first.requestCount()).isEqualTo(2);

        DependencyServices second = services();
        assertThat(second.licenses(pypi(1)).get(pypi(1).get(0)).licenses()).containsExactly("MIT");
        assertThat(second.vulnerabilities(pypi(1))).containsKey(pypi(1).get(0));
        assertThat(second.requestCount()).isZero();
    }

    @Test
    void expiredVulnerabilityAnswersAreAskedAgainButOfflineUsesThem() {
        server.stubFor(post(urlEqualTo("/v1/querybatch")).willReturn(okJson("{\"results\": [{}]}")));
        services().vulnerabilities(pypi(1));

        Clock tomorrow = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
        DependencyServices online = services(false, tomorrow);
        online.vulnerabilities(pypi(1));
        assertThat(online.requestCount()).isEqualTo(1);

        server.resetAll();
        DependencyServices offline = services(true, Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(offline.vulnerabilities(pypi(1))).containsKey(pypi(1).get(0));
        assertThat(offline.requestCount()).isZero();
        assertThat(offline.incomplete()).isEmpty();
    }

    @Test
    void offlineWithoutCacheAsksNothingAndSaysWhatItCouldNotCheck() {
        DependencyServices s = services(true, TestAnswers.CLOCK);
        assertThat(s.licenses(pypi(2))).isEmpty();
        assertThat(s.vulnerabilities(pypi(2))).isEmpty();
        assertThat(s.requestCount()).isZero();
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(s.incomplete()).containsExactly(
                "pypi/pkg0@1.0.0: license not checked (offline, not in the cache)",
                "pypi/pkg1@1.0.1: license not checked (offline, not in the cache)",
                "pypi/pkg0@1.0.0: vulnerabilities not checked (offline, not in the cache)",
                "pypi/pkg1@1.0.1: vulnerabilities not checked (offline, not in the cache)");
    }

    /**
     * Honest outcomes with no network (issue 14): the first request that cannot connect fails at once, every later
     * one to that host without being sent, and every package is listed as not checked: no ~90 s of retries, never a
     * clean answer.
     */
    @Test
    void withNoNetworkTheChecksNoticeAtOnceAndListEveryPackageAsNotChecked() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens once the socket closes
        }
        HttpJson http = new HttpJson(HttpJson.defaultClient(Duration.ofSeconds(2)),
                new HttpJson.Settings(Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofSeconds(5),
                        Duration.ofSeconds(60)), sleeps::add, TestAnswers.CLOCK);
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        DependencyServices s = new DependencyServices(http, new AnswerCache(store, TestAnswers.CLOCK), false, nowhere,
                nowhere, Duration.ofHours(12));
        List<PackageKey> keys = pypi(5);
        assertThat(s.licenses(keys)).isEmpty();
        assertThat(http.requestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(s.incomplete()).hasSize(5).allMatch(l -> l.contains("license not checked") && l.contains("unreachable"));
    }
}
