package dev.lastmile.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GitHub repository source against WireMock stubs shaped like GitHub's documented payloads. */
class GitHubRepositorySourceTest {

    static final String BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    @RegisterExtension
    static final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    private GitHubApi api;



    @org.junit.jupiter.api.AfterEach
    void everyRequestIsOneGitHubsRestDescriptionAllows() {
        GitHubOpenApi.assertDescribed(github.getAllServeEvents().stream()
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest).toList());
    }

    @BeforeEach
    void reset() {
        TestApp.stubInstallationToken(github);
        GitHubHttp http = TestApp.http(URI.create(github.baseUrl()), new TestApp.MutableClock(Instant.parse("2026-11-25T08:00:00Z")),
                new TestApp.RecordingSleeper());
        api = TestApp.installationApi(http);
        // the pull requests' current heads are the jobs' heads unless a test says otherwise
        github.stubFor(get("/repos/acme/shop/pulls/42").willReturn(okJson("{\"number\":42,\"changed_files\":5,\"head\":{\"sha\":\"" + HEAD + "\"}}")));
    }

    static String file(String name, String status, String patch, String previous) {
        return "{\"sha\":\"bbcd538c8e72b8c175046e27cc8f907076331401\",\"filename\":\"" + name + "\",\"status\":\"" + status
                + "\",\"additions\":1,\"deletions\":0,\"changes\":1,"
                + "\"blob_url\":\"https://github.com/acme/shop/blob/" + HEAD + "/" + name + "\","
                + "\"raw_url\":\"https://github.com/acme/shop/raw/" + HEAD + "/" + name + "\""
                + (previous == null ? "" : ",\"previous_filename\":\"" + previous + "\"")
                + (patch == null ? "" : ",\"patch\":" + GitHubHttp.MAPPER.valueToTree(patch)) + "}";
    }

    @Test
    void pullRequestFilesArePagedAndPatchesBecomeChangedLines() {
        String page2 = github.baseUrl() + "/repositories/1296269/pulls/42/files?per_page=100&page=2";
        github.stubFor(get("/repos/acme/shop/pulls/42/files?per_page=100").willReturn(okJson("["
                + file("models/orders.sql", "modified", "@@ -1,2 +1,3 @@\n select\n+  email,\n   id", null) + ","
                + file("models/new.sql", "added", "@@ -0,0 +1,2 @@\n+select 1\n+from x", null) + "]")
                .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
        github.stubFor(get(urlEqualTo("/repositories/1296269/pulls/42/files?per_page=100&page=2")).willReturn(okJson("["
                + file("models/old.sql", "removed", null, null) + ","
                + file("models/renamed.sql", "renamed", "@@ -3,1 +3,1 @@\n-a\n+b", "models/was.sql") + ","
                + file("seeds/big.csv", "modified", null, null) + "]")));

        List<ChangedFile> changes = new GitHubRepositorySource(api, "acme/shop", 42).changes(BASE, HEAD);

        assertThat(changes).extracting(ChangedFile::path).containsExactly("models/orders.sql", "models/new.sql",
                "models/old.sql", "models/renamed.sql", "seeds/big.csv");
        assertThat(changes.get(0).changedLines().toString()).isEqualTo("2");
        assertThat(changes.get(1).kind()).isEqualTo(ChangedFile.Kind.ADDED);
        assertThat(changes.get(2).isDeleted()).isTrue();
        assertThat(changes.get(3).previousPath()).isEqualTo("models/was.sql");
        assertThat(changes.get(3).changedLines().toString()).isEqualTo("3");
        assertThat(changes.get(4).changedLines()).isEqualTo(LineRanges.ALL);
        github.verify(getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/42/files?per_page=100"))
                .withHeader("Authorization", equalTo("Bearer ghs_test")));
    }

    @Test
    void pastThreeThousandFilesTheHeadArchiveIsJudgedWhole() throws IOException {
        for (int page = 1; page <= 30; page++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 100; i++) {
                body.append(i == 0 ? "" : ",").append(file("gen/f" + page + "_" + i + ".sql", "added", "@@ -0,0 +1 @@\n+x", null));
            }
            String url = "/repos/acme/shop/pulls/7/files?per_page=100" + (page == 1 ? "" : "&page=" + page);
            String next = github.baseUrl() + "/repos/acme/shop/pulls/7/files?per_page=100&page=" + (page + 1);
            github.stubFor(get(urlEqualTo(url)).willReturn(okJson(body.append("]").toString())
                    .withHeader("Link", "<" + next + ">; rel=\"next\"")));
        }
        github.stubFor(get("/repos/acme/shop/pulls/7").willReturn(okJson("{\"number\":7,\"changed_files\":3120,\"head\":{\"sha\":\"" + HEAD + "\"}}")));
        github.stubFor(get("/repos/acme/shop/zipball/" + HEAD).willReturn(aResponse().withStatus(200)
                .withBody(zip(Map.of("acme-shop-6dcb09b/models/a.sql", "select 1", "acme-shop-6dcb09b/README.md", "hi")))));

        List<ChangedFile> changes = new GitHubRepositorySource(api, "acme/shop", 7).changes(BASE, HEAD);

        assertThat(changes).extracting(ChangedFile::path).containsExactly("README.md", "models/a.sql");
        assertThat(changes).allSatisfy(c -> assertThat(c.changedLines()).isEqualTo(LineRanges.ALL));
        github.verify(0, getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/7/files?per_page=100&page=31")));
    }

    @Test
    void contentsAreReadRawAtTheRevisionAndCached() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/contents/models/my%20orders.sql"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.github.raw+json")
                        .withBody("select 1\n")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/contents/missing.sql"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        GitHubRepositorySource source = new GitHubRepositorySource(api, "acme/shop", 42);

        assertThat(source.read(HEAD, "models/my orders.sql")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("select 1\n"));
        source.read(HEAD, "models/my orders.sql");
        assertThat(source.read(HEAD, "missing.sql")).isEmpty();

        github.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/contents/models/my%20orders.sql?ref=" + HEAD))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json")));
    }

    @Test
    void everyPathComesFromOneRecursiveTree() {
        github.stubFor(get("/repos/acme/shop/git/trees/" + HEAD + "?recursive=1").willReturn(okJson("{\"sha\":\"" + HEAD
                + "\",\"truncated\":false,\"tree\":[{\"path\":\"models\",\"type\":\"tree\"},"
                + "{\"path\":\"models/b.sql\",\"type\":\"blob\",\"size\":30},{\"path\":\"dbt_packages/x\",\"type\":\"commit\"},"
                + "{\"path\":\"models/a.sql\",\"type\":\"blob\",\"size\":12}]}")));

        assertThat(new GitHubRepositorySource(api, "acme/shop", null).files(HEAD)).containsExactly("models/a.sql", "models/b.sql");
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/shop/zipball/" + HEAD)));
    }

    @Test
    void aCheckThatReadsManyFilesSwitchesToTheArchive() throws IOException {
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/acme/shop/contents/.*"))
                .willReturn(aResponse().withStatus(200).withBody("select 1")));
        Map<String, String> files = new java.util.TreeMap<>();
        for (int i = 0; i < 60; i++) {
            files.put("acme-shop-6dcb09b/models/m" + i + ".sql", "select " + i);
        }
        github.stubFor(get("/repos/acme/shop/zipball/" + HEAD).willReturn(aResponse().withStatus(200).withBody(zip(files))));
        GitHubRepositorySource source = new GitHubRepositorySource(api, "acme/shop", 42);

        for (int i = 0; i < 60; i++) {
            assertThat(source.read(HEAD, "models/m" + i + ".sql")).isPresent();
        }

        github.verify(GitHubRepositorySource.ARCHIVE_AFTER_READS,
                getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/repos/acme/shop/contents/.*")));
        github.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/shop/zipball/" + HEAD)));
        assertThat(source.read(HEAD, "models/m59.sql")).map(String::new).contains("select 59");
    }

    @Test
    void aFullScanReadsTheZipArchiveThroughARedirect() throws IOException {
        github.stubFor(get("/repos/acme/shop/git/trees/" + HEAD + "?recursive=1")
                .willReturn(okJson("{\"sha\":\"" + HEAD + "\",\"truncated\":true,\"tree\":[]}")));
        github.stubFor(get("/repos/acme/shop/zipball/" + HEAD).willReturn(aResponse().withStatus(302)
                .withHeader("Location", github.baseUrl() + "/codeload/acme/shop/legacy.zip/" + HEAD)));
        github.stubFor(get("/codeload/acme/shop/legacy.zip/" + HEAD).willReturn(aResponse().withStatus(200)
                .withBody(zip(Map.of("acme-shop-6dcb09b/models/a.sql", "select 1", "acme-shop-6dcb09b/dbt_project.yml", "name: shop",
                        "acme-shop-6dcb09b/../../evil", "x")))));
        GitHubRepositorySource source = new GitHubRepositorySource(api, "acme/shop", null);

        assertThat(source.files(HEAD)).containsExactly("dbt_project.yml", "models/a.sql");
        assertThat(source.read(HEAD, "models/a.sql")).map(String::new).contains("select 1");
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/shop/contents/models/a.sql")));
    }

    @Test
    void branchNamesResolveToShasAndTheDefaultBranchIsRead() {
        github.stubFor(get("/repos/acme/shop/commits/main").willReturn(okJson("{\"sha\":\"" + HEAD + "\"}")));
        github.stubFor(get("/repos/acme/shop").willReturn(okJson("{\"full_name\":\"acme/shop\",\"default_branch\":\"main\"}")));
        GitHubRepositorySource source = new GitHubRepositorySource(api, "acme/shop", null);

        assertThat(source.resolve("main")).isEqualTo(HEAD);
        assertThat(source.resolve(HEAD.toUpperCase())).isEqualTo(HEAD);
        assertThat(source.defaultBranch()).contains("main");
    }

    @Test
    void githubFailuresSurfaceAsSourceExceptions() {
        github.stubFor(get("/repos/acme/shop/pulls/42/files?per_page=100").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));
        assertThatThrownBy(() -> new GitHubRepositorySource(api, "acme/shop", 42).changes(BASE, HEAD))
                .isInstanceOf(SourceException.class).hasMessageContaining("Bad credentials")
                .hasCauseInstanceOf(GitHubException.class);
        assertThatThrownBy(() -> new GitHubRepositorySource(api, "../etc", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCorruptArchiveIsASourceException() {
        assertThatThrownBy(() -> GitHubRepositorySource.unzip(new java.io.ByteArrayInputStream("PK\u0003\u0004garbage".getBytes())))
                .isInstanceOf(SourceException.class);
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("acme-shop-6dcb09b/"));
            z.closeEntry();
            for (var e : new java.util.TreeMap<>(files).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aJobForAnOlderHeadReadsItsOwnComparisonNotThePullRequestsCurrentFiles() {
        String newer = "c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c";
        github.stubFor(get("/repos/acme/shop/pulls/42").willReturn(okJson("{\"number\":42,\"changed_files\":2,\"head\":{\"sha\":\"" + newer + "\"}}")));
        github.stubFor(get("/repos/acme/shop/pulls/42/files?per_page=100").willReturn(okJson("[" + file("models/later.sql", "added", "@@ -0,0 +1 @@\n+x", null) + "]")));
        github.stubFor(get("/repos/acme/shop/compare/" + BASE + "..." + HEAD).willReturn(okJson("{\"files\":["
                + file("models/then.sql", "modified", "@@ -1,1 +1,2 @@\n a\n+b", null) + "]}")));

        List<ChangedFile> changes = new GitHubRepositorySource(api, "acme/shop", 42).changes(BASE, HEAD);

        assertThat(changes).extracting(ChangedFile::path).containsExactly("models/then.sql");
        github.verify(0, getRequestedFor(urlEqualTo("/repos/acme/shop/pulls/42/files?per_page=100")));
    }

    @Test
    void anEmptyFileListForAPullRequestWithChangesIsAnErrorNeverACleanPass() {
        github.stubFor(get("/repos/acme/shop/pulls/42/files?per_page=100").willReturn(okJson("[]")));

        assertThatThrownBy(() -> new GitHubRepositorySource(api, "acme/shop", 42).changes(BASE, HEAD))
                .isInstanceOf(SourceException.class).hasMessageContaining("listed no changed files for pull request #42");
        // a pull request that really changes nothing is fine
        github.stubFor(get("/repos/acme/shop/pulls/42").willReturn(okJson("{\"number\":42,\"changed_files\":0,\"head\":{\"sha\":\"" + HEAD + "\"}}")));
        assertThat(new GitHubRepositorySource(api, "acme/shop", 42).changes(BASE, HEAD)).isEmpty();
    }

    @Test
    void aChangedFileGitHubWillNotShowIsAnErrorNeverASilentSkip() {
        github.stubFor(get("/repos/acme/shop/pulls/42/files?per_page=100").willReturn(okJson("["
                + file("models/orders.sql", "modified", "@@ -1,1 +1,2 @@\n a\n+b", null) + "]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/contents/models/orders.sql")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/contents/.lastmile.yml")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));
        GitHubRepositorySource source = new GitHubRepositorySource(api, "acme/shop", 42);
        source.changes(BASE, HEAD);

        assertThatThrownBy(() -> source.read(HEAD, "models/orders.sql")).isInstanceOf(SourceException.class)
                .hasMessageContaining("404 for models/orders.sql");
        // a file the change does not touch may be absent (an optional policy file)
        assertThat(source.read(HEAD, ".lastmile.yml")).isEmpty();
        // and the changed file's absence at the base is no contradiction
        assertThat(source.read(BASE, "models/orders.sql")).isEmpty();
    }

    /** A commit object as GitHub's commits, compare and pulls/{n}/commits APIs describe it (trimmed). */
    static String commitObject(String sha, String author, String authorEmail, String authorLogin, String message) {
        return "{\"sha\":\"" + sha + "\",\"node_id\":\"C_1\",\"commit\":{"
                + "\"author\":{\"name\":\"" + author + "\",\"email\":\"" + authorEmail + "\",\"date\":\"2026-11-25T08:00:00Z\"},"
                + "\"committer\":{\"name\":\"GitHub\",\"email\":\"noreply@github.com\",\"date\":\"2026-11-25T08:00:00Z\"},"
                + "\"message\":" + GitHubHttp.MAPPER.valueToTree(message) + "},"
                + "\"author\":" + (authorLogin == null ? "null" : "{\"login\":\"" + authorLogin + "\",\"id\":1,\"type\":\"Bot\"}") + ","
                + "\"committer\":{\"login\":\"web-flow\",\"id\":19864447,\"type\":\"User\"},"
                + "\"parents\":[{\"sha\":\"" + BASE + "\"}]}";
    }

    @Test
    void commitMetadataComesFromThePullRequestsCommitListWithAccountsAndLabelsFromThePullRequest() {
        String other = "7638417db6d59f3c431d3e1f261cc637155684cd";
        github.stubFor(get("/repos/acme/shop/pulls/42").willReturn(okJson("{\"number\":42,\"changed_files\":1,\"head\":{\"sha\":\""
                + HEAD + "\"},\"labels\":[{\"id\":1,\"name\":\"ai-generated\"},{\"id\":2,\"name\":\"dbt\"}]}")));
        github.stubFor(get("/repos/acme/shop/pulls/42/commits?per_page=100").willReturn(okJson("["
                + commitObject(HEAD, "Copilot", "198982749+Copilot@users.noreply.github.com", "Copilot",
                "Initial plan\n\nCo-authored-by: Ada <ada@example.com>") + "]")));
        github.stubFor(get("/repos/acme/shop/commits/" + other + "?per_page=1").willReturn(okJson(
                commitObject(other, "Ada Lovelace", "ada@example.com", null, "Hand-written"))));

        GitHubRepositorySource src = new GitHubRepositorySource(api, "acme/shop", 42);
        assertThat(src.commits(BASE, HEAD)).containsExactly(HEAD);
        var info = src.commitInfo(HEAD).orElseThrow();
        assertThat(info.author().name()).isEqualTo("Copilot");
        assertThat(info.author().login()).isEqualTo("Copilot");
        assertThat(info.committer().login()).isEqualTo("web-flow");
        assertThat(info.message()).isEqualTo("Initial plan\n\nCo-authored-by: Ada <ada@example.com>");
        assertThat(info.notes()).isEmpty();
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/shop/commits/" + HEAD)));

        var unlisted = src.commitInfo(other).orElseThrow();
        assertThat(unlisted.author().email()).isEqualTo("ada@example.com");
        assertThat(unlisted.author().login()).as("an address GitHub ties to no account").isEmpty();
        assertThat(src.commitInfo(other)).contains(unlisted);
        github.verify(1, getRequestedFor(urlEqualTo("/repos/acme/shop/commits/" + other + "?per_page=1")));

        assertThat(src.pullRequestLabels()).containsExactly("ai-generated", "dbt");
        assertThat(new GitHubRepositorySource(api, "acme/shop", null).pullRequestLabels()).isEmpty();
    }

    @Test
    void aCommitGitHubCannotServeIsASourceExceptionNeverAPersonsCommit() {
        String missing = "1111111111111111111111111111111111111111";
        github.stubFor(get("/repos/acme/shop/commits/" + missing + "?per_page=1").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"No commit found for SHA\"}")));
        GitHubRepositorySource src = new GitHubRepositorySource(api, "acme/shop", 42);
        assertThatThrownBy(() -> src.commitInfo(missing)).isInstanceOf(SourceException.class);
    }
}
