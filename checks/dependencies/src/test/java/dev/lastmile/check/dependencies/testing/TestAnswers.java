package dev.lastmile.check.dependencies.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.check.dependencies.DependencyCheck;
import dev.lastmile.check.dependencies.DependencyOptions;
import dev.lastmile.check.dependencies.client.AnswerCache;
import dev.lastmile.core.store.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Service answers for tests, written into a cache in the services' documented response shapes (deps.dev v3
 * GetVersion / GetPackage / GetProject, OSV querybatch results and vulnerability records), so a check constructed
 * offline over that cache judges exactly as it would online.
 */
public final class TestAnswers {

    public static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnswerCache cache;

    public TestAnswers(ObjectStore store) {
        this.cache = new AnswerCache(store, CLOCK);
    }

    /** A deps.dev GetVersion answer with these license expressions. */
    public TestAnswers license(String system, String name, String version, String... licenses) {
        ObjectNode body = versionBody(system, name, version, licenses);
        cache.put(AnswerCache.key("depsdev-version", system, name, version), system + ":" + name + "@" + version, 200, body);
        return this;
    }

    public static ObjectNode versionBody(String system, String name, String version, String... licenses) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode vk = body.putObject("versionKey");
        vk.put("system", system).put("name", name).put("version", version);
        body.put("isDefault", false);
        ArrayNode l = body.putArray("licenses");
        for (String s : licenses) {
            l.add(s);
        }
        body.putArray("advisoryKeys");
        return body;
    }

    /** deps.dev does not know this version (HTTP 404). */
    public TestAnswers unknownVersion(String system, String name, String version) {
        cache.put(AnswerCache.key("depsdev-version", system, name, version), system + ":" + name + "@" + version, 404,
                JSON.nullNode());
        return this;
    }

    /** A deps.dev GetPackage answer listing these versions. */
    public TestAnswers releases(String system, String name, String... versions) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("packageKey").put("system", system).put("name", name);
        ArrayNode list = body.putArray("versions");
        for (String v : versions) {
            ObjectNode e = list.addObject();
            e.putObject("versionKey").put("system", system).put("name", name).put("version", v);
            e.put("isDefault", false);
        }
        cache.put(AnswerCache.key("depsdev-package", system, name), "package:" + system + ":" + name, 200, body);
        return this;
    }

    /** A deps.dev GetProject answer for a repository (how dbt packages are looked up). */
    public TestAnswers project(String projectKey, String license) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("projectKey").put("id", projectKey);
        body.put("license", license);
        cache.put(AnswerCache.key("depsdev-project", projectKey), "project:" + projectKey, 200, body);
        return this;
    }

    /** The OSV querybatch result for one package version: these advisory ids. */
    public TestAnswers vulns(String system, String osvEcosystem, String name, String version, String... ids) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("vulns");
        for (String id : ids) {
            list.addObject().put("id", id).put("modified", "2024-01-01T00:00:00Z");
        }
        cache.put(AnswerCache.key("osv-query", osvEcosystem, name, version), system + ":" + name + "@" + version, 200, body);
        return this;
    }

    /** An OSV vulnerability record. */
    public TestAnswers record(JsonNode record) {
        String id = record.path("id").asText();
        cache.put(AnswerCache.key("osv-vuln", id), "vuln:" + id, 200, record);
        return this;
    }

    /** A minimal OSV record: one package, one ECOSYSTEM range fixed at {@code fixed}, a CVSS v3 vector or a rating. */
    public static ObjectNode osvRecord(String id, String cve, String ecosystem, String name, String fixed,
                                      String cvssVector, String databaseSeverity, String summary) {
        ObjectNode r = JSON.createObjectNode();
        r.put("schema_version", "1.6.0");
        r.put("id", id);
        r.put("modified", "2024-01-01T00:00:00Z");
        if (cve != null) {
            r.putArray("aliases").add(cve);
        }
        r.put("summary", summary);
        if (cvssVector != null) {
            r.putArray("severity").addObject().put("type", "CVSS_V3").put("score", cvssVector);
        }
        ObjectNode affected = r.putArray("affected").addObject();
        affected.putObject("package").put("ecosystem", ecosystem).put("name", name);
        ArrayNode events = affected.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
        events.addObject().put("introduced", "0");
        if (fixed != null) {
            events.addObject().put("fixed", fixed);
        }
        if (databaseSeverity != null) {
            r.putObject("database_specific").put("severity", databaseSeverity);
        }
        return r;
    }

    /** The answers the rule cases rely on (see src/test/resources/rules/*.yml). */
    public static MemoryStore standard() {
        MemoryStore store = new MemoryStore();
        new TestAnswers(store)
                .license("PYPI", "pyyaml", "5.3.1", "MIT")
                .vulns("PYPI", "PyPI", "pyyaml", "5.3.1", "GHSA-8q59-q68h-6hv4", "PYSEC-2021-142")
                .record(osvRecord("GHSA-8q59-q68h-6hv4", "CVE-2020-14343", "PyPI", "PyYAML", "5.4",
                        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CRITICAL",
                        "Improper Input Validation in PyYAML"))
                .record(pysec())
                .license("PYPI", "pyyaml", "6.0.1", "MIT")
                .vulns("PYPI", "PyPI", "pyyaml", "6.0.1")
                .license("PYPI", "ultralytics", "8.0.200", "AGPL-3.0")
                .vulns("PYPI", "PyPI", "ultralytics", "8.0.200")
                .license("PYPI", "psycopg2", "2.9.9", "LGPL-3.0-or-later")
                .vulns("PYPI", "PyPI", "psycopg2", "2.9.9")
                .license("PYPI", "mystery", "1.0.0", "non-standard")
                .vulns("PYPI", "PyPI", "mystery", "1.0.0")
                .license("PYPI", "nolicense", "0.1.0")
                .vulns("PYPI", "PyPI", "nolicense", "0.1.0")
                .license("PYPI", "custom", "1.0.0", "LicenseRef-Acme-Proprietary")
                .vulns("PYPI", "PyPI", "custom", "1.0.0")
                .license("PYPI", "dual", "1.0.0", "MIT OR GPL-3.0-only")
                .vulns("PYPI", "PyPI", "dual", "1.0.0")
                .license("PYPI", "both", "1.0.0", "MIT AND GPL-3.0-only")
                .vulns("PYPI", "PyPI", "both", "1.0.0")
                .license("PYPI", "classpath", "1.0.0", "GPL-2.0-only WITH Classpath-exception-2.0")
                .vulns("PYPI", "PyPI", "classpath", "1.0.0")
                .releases("PYPI", "requests", "2.25.1", "2.31.0", "2.32.3", "3.0.0rc1")
                .license("PYPI", "requests", "2.32.3", "Apache-2.0")
                .vulns("PYPI", "PyPI", "requests", "2.32.3")
                .license("PYPI", "requests", "2.25.1", "Apache-2.0")
                .vulns("PYPI", "PyPI", "requests", "2.25.1", "GHSA-j8r2-6x86-q33q")
                .record(osvRecord("GHSA-j8r2-6x86-q33q", "CVE-2023-32681", "PyPI", "requests", "2.31.0",
                        "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", "MODERATE",
                        "Unintended leak of Proxy-Authorization header in requests"))
                .license("PYPI", "lowpkg", "1.0", "MIT")
                .vulns("PYPI", "PyPI", "lowpkg", "1.0", "OSV-TEST-LOW")
                .record(osvRecord("OSV-TEST-LOW", null, "PyPI", "lowpkg", "1.1", null, "LOW", "A minor issue"))
                .license("PYPI", "nofix", "1.0", "MIT")
                .vulns("PYPI", "PyPI", "nofix", "1.0", "OSV-TEST-NOFIX")
                .record(osvRecord("OSV-TEST-NOFIX", null, "PyPI", "nofix", null, null, "HIGH", "Unfixed issue"))
                .unknownVersion("PYPI", "internal-tool", "1.0.0")
                .license("NPM", "lodash", "4.17.20", "MIT")
                .vulns("NPM", "npm", "lodash", "4.17.20", "GHSA-35jh-r3h4-6jhm")
                .record(osvRecord("GHSA-35jh-r3h4-6jhm", "CVE-2021-23337", "npm", "lodash", "4.17.21",
                        "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", "HIGH", "Command Injection in lodash"))
                .license("NPM", "lodash", "4.17.21", "MIT")
                .vulns("NPM", "npm", "lodash", "4.17.21")
                .license("NPM", "@scope/agpl-widget", "1.0.0", "AGPL-3.0-or-later")
                .vulns("NPM", "npm", "@scope/agpl-widget", "1.0.0")
                .license("MAVEN", "com.itextpdf:itext7-core", "7.2.5", "AGPL-3.0-only")
                .vulns("MAVEN", "Maven", "com.itextpdf:itext7-core", "7.2.5")
                .license("GO", "github.com/gin-gonic/gin", "v1.9.1", "MIT")
                .vulns("GO", "Go", "github.com/gin-gonic/gin", "v1.9.1")
                .project("github.com/dbt-labs/dbt-utils", "Apache-2.0")
                .project("github.com/acme/agpl-macros", "AGPL-3.0");
        return store;
    }

    private static ObjectNode pysec() {
        ObjectNode r = osvRecord("PYSEC-2021-142", "CVE-2020-14343", "PyPI", "pyyaml", "5.4", null, null,
                "");
        ((ArrayNode) r.get("aliases")).add("GHSA-8q59-q68h-6hv4");
        r.put("details", "A vulnerability was discovered in the PyYAML library in versions before 5.4, where it is "
                + "susceptible to arbitrary code execution when it processes untrusted YAML files through the "
                + "full_load method or with the FullLoader loader.");
        return r;
    }

    /** A check reading only {@code store}, never the network. */
    public static DependencyCheck offlineCheck(ObjectStore store) {
        return new DependencyCheck(new DependencyOptions(store, true, null, null, CLOCK));
    }
}
