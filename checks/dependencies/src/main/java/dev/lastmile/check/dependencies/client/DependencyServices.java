package dev.lastmile.check.dependencies.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.check.dependencies.model.Ecosystem;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * deps.dev (licenses, release lists) and OSV (vulnerabilities) behind one cache, asked in as few requests as the
 * APIs allow: cached answers first; then deps.dev's {@code v3alpha/versionbatch} (up to 5,000 versions a request,
 * paged) or the stable v3 version endpoint for a handful; OSV's {@code querybatch} (at most 1,000 queries a request,
 * following {@code next_page_token}), then {@code /v1/vulns/{id}} once per distinct advisory.
 *
 * <p>Whatever cannot be answered (offline and not cached, a fault after retries) is left out of the returned maps
 * and described in {@link #incomplete()}: the check turns that into a neutral outcome, never a pass.
 */
public final class DependencyServices {

    /** Licenses of a released version do not change; keep them a month. */
    public static final Duration LICENSE_TTL = Duration.ofDays(30);
    /** New advisories appear daily; keep vulnerability answers and release lists half a day by default. */
    public static final Duration DEFAULT_VULN_TTL = Duration.ofHours(12);

    static final int OSV_BATCH = 1000;
    static final int DEPSDEV_BATCH = 5000;
    /** Below this many misses, single GETs on the stable v3 endpoint are as cheap as one alpha batch. */
    static final int SINGLE_LOOKUP_LIMIT = 3;
    /** When the batch endpoint fails, up to this many versions are asked one by one on the stable endpoint. */
    static final int FALLBACK_LIMIT = 50;
    private static final int MAX_PAGES = 50;
    private static final int PARALLEL = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What deps.dev says of one version: its license expressions, or that it does not know the version. */
    public record LicenseAnswer(List<String> licenses, boolean known) {
    }

    private final HttpJson http;
    private final AnswerCache cache;
    private final boolean offline;
    private final URI depsDev;
    private final URI osv;
    private final Duration vulnTtl;
    private final List<String> incomplete = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<List<String>>> releaseLists = new ConcurrentHashMap<>();

    public DependencyServices(HttpJson http, AnswerCache cache, boolean offline, URI depsDev, URI osv,
                              Duration vulnTtl) {
        this.http = http;
        this.cache = cache;
        this.offline = offline;
        this.depsDev = depsDev;
        this.osv = osv;
        this.vulnTtl = vulnTtl;
    }

    /** What could not be checked, one line each. */
    public List<String> incomplete() {
        return List.copyOf(incomplete);
    }

    public int requestCount() {
        return http.requestCount();
    }

    // ---------------------------------------------------------------- licenses (deps.dev)

    public Map<PackageKey, LicenseAnswer> licenses(Collection<PackageKey> keys) {
        Map<PackageKey, LicenseAnswer> out = new LinkedHashMap<>();
        List<PackageKey> misses = new ArrayList<>();
        Map<String, AnswerCache.Entry> cached = cache.getMany(new LinkedHashSet<>(keys).stream()
                .filter(k -> k.ecosystem() != Ecosystem.DBT)
                .map(k -> new AnswerCache.Lookup(versionKey(k), identity(k), LICENSE_TTL)).toList());
        for (PackageKey k : new LinkedHashSet<>(keys)) {
            if (k.ecosystem() == Ecosystem.DBT) {
                project(k).ifPresent(a -> out.put(k, a));
                continue;
            }
            AnswerCache.Entry e = cached.get(versionKey(k));
            if (e != null && (!e.stale() || offline)) {
                out.put(k, licenseAnswer(e.status(), e.body()));
            } else {
                misses.add(k);
            }
        }
        if (misses.isEmpty()) {
            return out;
        }
        if (offline) {
            for (PackageKey k : misses) {
                incomplete.add(k + ": license not checked (offline, not in the cache)");
            }
            return out;
        }
        if (misses.size() <= SINGLE_LOOKUP_LIMIT) {
            singleLookups(misses, out);
            return out;
        }
        for (int from = 0; from < misses.size(); from += DEPSDEV_BATCH) {
            versionBatch(misses.subList(from, Math.min(misses.size(), from + DEPSDEV_BATCH)), out);
        }
        return out;
    }

    /** The stable v3 GetVersion endpoint, one request per version. */
    private void singleLookups(List<PackageKey> keys, Map<PackageKey, LicenseAnswer> out) {
        for (PackageKey k : keys) {
            try {
                HttpJson.Response r = http.get(URI.create(depsDev + "/v3/systems/" + system(k) + "/packages/"
                        + enc(k.name()) + "/versions/" + enc(k.version())));
                if (!r.ok() && r.status() != 404) {
                    throw new ServiceException("deps.dev answered HTTP " + r.status());
                }
                cache.put(versionKey(k), identity(k), r.status(), r.body());
                out.put(k, licenseAnswer(r.status(), r.body()));
            } catch (ServiceException e) {
                incomplete.add(k + ": license not checked (" + e.getMessage() + ")");
            }
        }
    }

    private void versionBatch(List<PackageKey> chunk, Map<PackageKey, LicenseAnswer> out) {
        Map<String, PackageKey> byIdentity = new HashMap<>();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (PackageKey k : chunk) {
            byIdentity.put(identity(k), k);
            ObjectNode vk = requests.addObject().putObject("versionKey");
            vk.put("system", system(k));
            vk.put("name", k.name());
            vk.put("version", k.version());
        }
        Set<PackageKey> answered = new java.util.HashSet<>();
        List<AnswerCache.Put> puts = new ArrayList<>();
        String pageToken = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                if (pageToken != null) {
                    body.put("pageToken", pageToken);
                }
                HttpJson.Response r = http.post(URI.create(depsDev + "/v3alpha/versionbatch"), body);
                if (!r.ok()) {
                    throw new ServiceException("deps.dev version batch answered HTTP " + r.status());
                }
                for (JsonNode item : r.body().path("responses")) {
                    JsonNode vk = item.path("request").path("versionKey");
                    PackageKey k = byIdentity.get(system(vk.path("system").asText()) + ":" + vk.path("name").asText()
                            + "@" + vk.path("version").asText());
                    if (k == null) {
                        continue;
                    }
                    JsonNode version = item.path("version");
                    int status = version.isMissingNode() || version.isNull() ? 404 : 200;
                    puts.add(new AnswerCache.Put(versionKey(k), identity(k), status,
                            status == 200 ? version : JSON.nullNode()));
                    out.put(k, licenseAnswer(status, version));
                    answered.add(k);
                }
                pageToken = r.body().path("nextPageToken").asText("");
                if (pageToken.isEmpty()) {
                    break;
                }
            }
        } catch (ServiceException e) {
            cache.putMany(puts);
            List<PackageKey> left = chunk.stream().filter(k -> !answered.contains(k)).toList();
            if (left.size() <= FALLBACK_LIMIT && !e.getMessage().contains("budget")) {
                // v3alpha is not a stable API: when the batch fails, a few versions are still worth asking one by one
                singleLookups(left, out);
            } else {
                left.forEach(k -> incomplete.add(k + ": license not checked (" + e.getMessage() + ")"));
            }
            return;
        }
        cache.putMany(puts);
        for (PackageKey k : chunk) {
            if (!answered.contains(k)) {
                incomplete.add(k + ": license not checked (deps.dev's batch answer left it out)");
            }
        }
    }

    /** dbt packages: the license of their source repository, from deps.dev's project endpoint. */
    private Optional<LicenseAnswer> project(PackageKey k) {
        String key = AnswerCache.key("depsdev-project", k.name());
        Optional<AnswerCache.Entry> e = cache.get(key, "project:" + k.name(), LICENSE_TTL);
        if (e.isPresent() && (!e.get().stale() || offline)) {
            return Optional.of(projectAnswer(e.get().status(), e.get().body()));
        }
        if (offline) {
            incomplete.add(k + ": license not checked (offline, not in the cache)");
            return Optional.empty();
        }
        try {
            HttpJson.Response r = http.get(URI.create(depsDev + "/v3/projects/" + enc(k.name())));
            if (!r.ok() && r.status() != 404) {
                throw new ServiceException("deps.dev answered HTTP " + r.status());
            }
            cache.put(key, "project:" + k.name(), r.status(), r.body());
            return Optional.of(projectAnswer(r.status(), r.body()));
        } catch (ServiceException ex) {
            incomplete.add(k + ": license not checked (" + ex.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static LicenseAnswer projectAnswer(int status, JsonNode body) {
        if (status != 200) {
            return new LicenseAnswer(List.of(), false);
        }
        String license = body.path("license").asText("");
        return new LicenseAnswer(license.isBlank() ? List.of() : List.of(license), true);
    }

    private static LicenseAnswer licenseAnswer(int status, JsonNode version) {
        if (status != 200) {
            return new LicenseAnswer(List.of(), false);
        }
        List<String> licenses = new ArrayList<>();
        version.path("licenses").forEach(l -> licenses.add(l.asText()));
        return new LicenseAnswer(List.copyOf(licenses), true);
    }

    // ---------------------------------------------------------------- release lists (deps.dev)

    /**
     * Fetches the release lists of many packages at once (eight requests in flight), so that resolving the ranges of
     * a manifest without a lockfile costs one round trip, not one per package.
     */
    public void prefetchReleases(Collection<PackageKey> packages) {
        List<PackageKey> distinct = new ArrayList<>(new LinkedHashSet<>(packages));
        if (distinct.size() <= 1) {
            return;
        }
        Semaphore permits = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PackageKey k : distinct) {
                pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        releases(k.ecosystem(), k.name());
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    /** Every released version of a package, to resolve a range to its newest match; empty when unknown. */
    public Optional<List<String>> releases(Ecosystem ecosystem, String name) {
        return releaseLists.computeIfAbsent(ecosystem + "|" + name, k -> fetchReleases(ecosystem, name));
    }

    private Optional<List<String>> fetchReleases(Ecosystem ecosystem, String name) {
        if (ecosystem.depsDevSystem().isEmpty()) {
            return Optional.empty();
        }
        String system = ecosystem.depsDevSystem().get();
        String key = AnswerCache.key("depsdev-package", system, name);
        String identity = "package:" + system + ":" + name;
        Optional<AnswerCache.Entry> e = cache.get(key, identity, vulnTtl);
        JsonNode body;
        if (e.isPresent() && (!e.get().stale() || offline)) {
            body = e.get().status() == 200 ? e.get().body() : null;
        } else if (offline) {
            incomplete.add(ecosystem.purlType() + "/" + name + ": release list not in the cache (offline)");
            return Optional.empty();
        } else {
            try {
                HttpJson.Response r = http.get(URI.create(depsDev + "/v3/systems/" + system + "/packages/" + enc(name)));
                if (!r.ok() && r.status() != 404) {
                    throw new ServiceException("deps.dev answered HTTP " + r.status());
                }
                cache.put(key, identity, r.status(), r.body());
                body = r.status() == 200 ? r.body() : null;
            } catch (ServiceException ex) {
                incomplete.add(ecosystem.purlType() + "/" + name + ": release list not fetched (" + ex.getMessage() + ")");
                return Optional.empty();
            }
        }
        if (body == null) {
            return Optional.empty();
        }
        List<String> versions = new ArrayList<>();
        for (JsonNode v : body.path("versions")) {
            if (!v.path("isDeprecated").asBoolean(false)) {
                versions.add(v.path("versionKey").path("version").asText());
            }
        }
        return Optional.of(versions);
    }

    // ---------------------------------------------------------------- vulnerabilities (OSV)

    public Map<PackageKey, List<Advisory>> vulnerabilities(Collection<PackageKey> keys) {
        Map<PackageKey, List<String>> ids = new LinkedHashMap<>();
        List<PackageKey> misses = new ArrayList<>();
        List<PackageKey> osvKeys = new LinkedHashSet<>(keys).stream().filter(k -> k.ecosystem().osvName().isPresent())
                .toList();
        Map<String, AnswerCache.Entry> cached = cache.getMany(osvKeys.stream()
                .map(k -> new AnswerCache.Lookup(queryKey(k), identity(k), vulnTtl)).toList());
        for (PackageKey k : osvKeys) {
            AnswerCache.Entry e = cached.get(queryKey(k));
            if (e != null && (!e.stale() || offline)) {
                ids.put(k, vulnIds(e.body()));
            } else {
                misses.add(k);
            }
        }
        if (offline) {
            for (PackageKey k : misses) {
                incomplete.add(k + ": vulnerabilities not checked (offline, not in the cache)");
            }
        } else {
            for (int from = 0; from < misses.size(); from += OSV_BATCH) {
                queryBatch(misses.subList(from, Math.min(misses.size(), from + OSV_BATCH)), ids);
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        ids.values().forEach(distinct::addAll);
        Map<String, Advisory> records = advisories(distinct);
        Map<PackageKey, List<Advisory>> out = new LinkedHashMap<>();
        for (Map.Entry<PackageKey, List<String>> e : ids.entrySet()) {
            List<Advisory> list = new ArrayList<>();
            boolean complete = true;
            for (String id : e.getValue()) {
                Advisory a = records.get(id);
                if (a == null) {
                    complete = false;
                } else if (a.record().path("withdrawn").isMissingNode() || a.record().path("withdrawn").isNull()) {
                    list.add(a);
                }
            }
            if (!complete) {
                incomplete.add(e.getKey() + ": some advisory records could not be read");
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    private void queryBatch(List<PackageKey> chunk, Map<PackageKey, List<String>> ids) {
        List<AnswerCache.Put> puts = new ArrayList<>();
        try {
            queryBatch(chunk, ids, puts);
        } finally {
            cache.putMany(puts);
        }
    }

    private void queryBatch(List<PackageKey> chunk, Map<PackageKey, List<String>> ids, List<AnswerCache.Put> puts) {
        Map<PackageKey, List<String>> found = new LinkedHashMap<>();
        Map<PackageKey, String> pending = new LinkedHashMap<>();
        chunk.forEach(k -> pending.put(k, null));
        try {
            for (int round = 0; round < MAX_PAGES && !pending.isEmpty(); round++) {
                List<PackageKey> asked = new ArrayList<>(pending.keySet());
                ObjectNode body = JSON.createObjectNode();
                ArrayNode queries = body.putArray("queries");
                for (PackageKey k : asked) {
                    ObjectNode q = queries.addObject();
                    q.putObject("package").put("name", k.name()).put("ecosystem", k.ecosystem().osvName().orElseThrow());
                    q.put("version", k.osvVersion());
                    if (pending.get(k) != null) {
                        q.put("page_token", pending.get(k));
                    }
                }
                HttpJson.Response r = http.post(URI.create(osv + "/v1/querybatch"), body);
                if (!r.ok()) {
                    throw new ServiceException("OSV querybatch answered HTTP " + r.status());
                }
                JsonNode results = r.body().path("results");
                if (results.size() != asked.size()) {
                    throw new ServiceException("OSV querybatch answered " + results.size() + " results for "
                            + asked.size() + " queries");
                }
                pending.clear();
                for (int i = 0; i < asked.size(); i++) {
                    PackageKey k = asked.get(i);
                    JsonNode result = results.get(i);
                    List<String> list = found.computeIfAbsent(k, x -> new ArrayList<>());
                    list.addAll(vulnIds(result));
                    String token = result.path("next_page_token").asText("");
                    if (!token.isEmpty()) {
                        pending.put(k, token); // more advisories for this query: ask again with the token
                    }
                }
            }
            if (!pending.isEmpty()) {
                throw new ServiceException("OSV kept paging after " + MAX_PAGES + " rounds");
            }
        } catch (ServiceException e) {
            // packages whose every page arrived are answered; the rest are not checked
            for (PackageKey k : chunk) {
                if (found.containsKey(k) && !pending.containsKey(k)) {
                    store(k, found.get(k), ids, puts);
                } else {
                    incomplete.add(k + ": vulnerabilities not checked (" + e.getMessage() + ")");
                }
            }
            return;
        }
        found.forEach((k, list) -> store(k, list, ids, puts));
    }

    private void store(PackageKey k, List<String> list, Map<PackageKey, List<String>> ids, List<AnswerCache.Put> puts) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode vulns = body.putArray("vulns");
        for (String id : new LinkedHashSet<>(list)) {
            vulns.addObject().put("id", id);
        }
        puts.add(new AnswerCache.Put(queryKey(k), identity(k), 200, body));
        ids.put(k, List.copyOf(new LinkedHashSet<>(list)));
    }

    private static List<String> vulnIds(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("vulns").forEach(v -> out.add(v.path("id").asText()));
        return out;
    }

    /** Full records, from the cache or {@code GET /v1/vulns/{id}}, a few at a time on virtual threads. */
    private Map<String, Advisory> advisories(Collection<String> ids) {
        Map<String, Advisory> out = new ConcurrentHashMap<>();
        List<String> misses = new ArrayList<>();
        Map<String, AnswerCache.Entry> cached = cache.getMany(ids.stream()
                .map(id -> new AnswerCache.Lookup(AnswerCache.key("osv-vuln", id), "vuln:" + id, vulnTtl)).toList());
        for (String id : ids) {
            AnswerCache.Entry e = cached.get(AnswerCache.key("osv-vuln", id));
            if (e != null && (!e.stale() || offline) && e.status() == 200) {
                out.put(id, Advisory.from(e.body()));
            } else {
                misses.add(id);
            }
        }
        if (misses.isEmpty()) {
            return out;
        }
        if (offline) {
            misses.forEach(id -> incomplete.add(id + ": advisory record not in the cache (offline)"));
            return out;
        }
        Semaphore permits = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (String id : misses) {
                futures.add(pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        HttpJson.Response r = http.get(URI.create(osv + "/v1/vulns/" + enc(id)));
                        if (!r.ok()) {
                            throw new ServiceException("OSV answered HTTP " + r.status() + " for " + id);
                        }
                        cache.put(AnswerCache.key("osv-vuln", id), "vuln:" + id, 200, r.body());
                        out.put(id, Advisory.from(r.body()));
                    } catch (ServiceException e) {
                        incomplete.add(id + ": advisory record not fetched (" + e.getMessage() + ")");
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    incomplete.add("advisory lookup failed: " + e.getClass().getSimpleName());
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- keys

    private static String system(PackageKey k) {
        return k.ecosystem().depsDevSystem().orElseThrow();
    }

    private static String system(String s) {
        return s.toUpperCase(java.util.Locale.ROOT);
    }

    private static String identity(PackageKey k) {
        return k.ecosystem().depsDevSystem().orElse(k.ecosystem().name()) + ":" + k.name() + "@" + k.version();
    }

    private static String versionKey(PackageKey k) {
        return AnswerCache.key("depsdev-version", system(k), k.name(), k.version());
    }

    private static String queryKey(PackageKey k) {
        return AnswerCache.key("osv-query", k.ecosystem().osvName().orElseThrow(), k.name(), k.version());
    }

    /** Percent-encoding for one path segment: {@code @scope/name} becomes {@code %40scope%2Fname}. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
