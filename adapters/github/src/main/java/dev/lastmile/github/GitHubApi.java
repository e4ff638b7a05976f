package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls made as one installation: every request carries that installation's (cached) token; a 401 refreshes the
 * token once, since GitHub revokes tokens when an installation's permissions change.
 */
public final class GitHubApi {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final GitHubHttp http;
    private final InstallationTokens tokens;
    private final long installationId;

    public GitHubApi(GitHubHttp http, InstallationTokens tokens, long installationId) {
        this.http = http;
        this.tokens = tokens;
        this.installationId = installationId;
    }

    public GitHubHttp.Response send(String method, String path, JsonNode body, String accept) {
        try {
            return http.send(method, path, "Bearer " + tokens.token(installationId), body, accept);
        } catch (GitHubException e) {
            if (e.status() != 401) {
                throw e;
            }
            // a cached token GitHub no longer accepts (revoked, permissions changed): fetch a fresh one, once
            tokens.invalidate(installationId);
            return http.send(method, path, "Bearer " + tokens.token(installationId), body, accept);
        }
    }

    /** The id of the App these calls are made as. */
    public String appId() {
        return tokens.appId();
    }

    public GitHubHttp.Response get(String path) {
        return send("GET", path, null, null);
    }

    public GitHubHttp.Response post(String path, JsonNode body) {
        return send("POST", path, body, null);
    }

    public GitHubHttp.Response patch(String path, JsonNode body) {
        return send("PATCH", path, body, null);
    }

    /** The JSON of a 2xx answer; a 404 is an error here. */
    public JsonNode getJson(String path) {
        GitHubHttp.Response r = get(path);
        if (r.status() == 404) {
            throw new GitHubException(404, "not found: " + path);
        }
        return r.json();
    }

    /**
     * Every element of a paged list, following {@code Link: rel="next"} up to {@code maxPages} pages.
     *
     * @param arrayField null when the answer is the array itself, else the field holding it
     */
    public List<JsonNode> getPaged(String path, String arrayField, int maxPages) {
        List<JsonNode> out = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < maxPages; page++) {
            GitHubHttp.Response r = get(next);
            if (r.status() == 404) {
                throw new GitHubException(404, "not found: " + path);
            }
            JsonNode n = arrayField == null ? r.json() : r.json().path(arrayField);
            n.forEach(out::add);
            next = r.header("link").map(GitHubApi::nextLink).orElse(null);
        }
        return out;
    }

    /** The {@code rel="next"} URL of a {@code Link} header, or null on the last page. */
    public static String nextLink(String linkHeader) {
        Matcher m = NEXT.matcher(linkHeader);
        return m.find() ? m.group(1) : null;
    }
}
