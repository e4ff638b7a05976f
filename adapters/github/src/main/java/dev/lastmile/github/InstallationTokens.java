package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, one per installation, cached until five minutes before GitHub's expiry (tokens live one
 * hour), so a warm Lambda asks for a token about once an hour per installation, not once per event.
 */
public final class InstallationTokens {

    /** Refresh this long before expiry, so a token never expires in the middle of a job. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private record Token(String value, Instant expiresAt) {
    }

    private final GitHubHttp http;
    private final String appId;
    private final PrivateKey key;
    private final Map<Long, Token> cache = new ConcurrentHashMap<>();

    public InstallationTokens(GitHubHttp http, String appId, PrivateKey key) {
        this.http = http;
        this.appId = appId;
        this.key = key;
    }

    /** The App's id: comments and check runs it wrote carry it ({@code performed_via_github_app.id}, {@code app.id}). */
    public String appId() {
        return appId;
    }

    /** The App's own JWT, for the {@code /app} endpoints. */
    public String appJwt() {
        return AppJwt.create(appId, key, http.clock().instant());
    }

    public String token(long installationId) {
        Instant now = http.clock().instant();
        Token t = cache.get(installationId);
        if (t != null && now.isBefore(t.expiresAt().minus(REFRESH_BEFORE))) {
            return t.value();
        }
        synchronized (this) {
            t = cache.get(installationId);
            if (t != null && now.isBefore(t.expiresAt().minus(REFRESH_BEFORE))) {
                return t.value();
            }
            Token fresh = fetch(installationId);
            cache.put(installationId, fresh);
            return fresh.value();
        }
    }

    /** Forgets a token GitHub refused (revoked, or the installation's permissions changed). */
    public void invalidate(long installationId) {
        cache.remove(installationId);
    }

    private Token fetch(long installationId) {
        GitHubHttp.Response r = http.send("POST", "/app/installations/" + installationId + "/access_tokens",
                "Bearer " + appJwt(), null, null);
        if (r.status() == 404) {
            throw new GitHubException(404, "installation " + installationId + " not found (the App was uninstalled?)");
        }
        JsonNode n = r.json();
        String token = n.path("token").asText(null);
        if (token == null || token.isBlank()) {
            throw new GitHubException(r.status(), "GitHub returned no installation token");
        }
        Instant expires;
        try {
            expires = Instant.parse(n.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            expires = http.clock().instant().plus(Duration.ofMinutes(55));
        }
        return new Token(token, expires);
    }
}
