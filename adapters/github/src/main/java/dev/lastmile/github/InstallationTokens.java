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

    /**
     * The App's id and private key as they are now. Lambda functions read them from a secret at run time, so a
     * rotated key is picked up: {@link #refresh} reads them again after GitHub refused a JWT made from them.
     */
    public interface AppCredentials {
        String appId();

        PrivateKey privateKey();

        /** Reads the credentials again; true when they changed (one more try is then worth making). */
        default boolean refresh() {
            return false;
        }
    }

    private final GitHubHttp http;
    private final AppCredentials credentials;
    private final Map<Long, Token> cache = new ConcurrentHashMap<>();

    public InstallationTokens(GitHubHttp http, String appId, PrivateKey key) {
        this(http, new AppCredentials() {
            @Override
            public String appId() {
                return appId;
            }

            @Override
            public PrivateKey privateKey() {
                return key;
            }
        });
    }

    public InstallationTokens(GitHubHttp http, AppCredentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** The App's id: comments and check runs it wrote carry it ({@code performed_via_github_app.id}, {@code app.id}). */
    public String appId() {
        return credentials.appId();
    }

    /** The App's own JWT, for the {@code /app} endpoints. */
    public String appJwt() {
        return AppJwt.create(credentials.appId(), credentials.privateKey(), http.clock().instant());
    }

    /** GitHub refused the App's JWT (401): true when the credentials were read again and changed. */
    public boolean refreshCredentials() {
        return credentials.refresh();
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
        String path = "/app/installations/" + installationId + "/access_tokens";
        GitHubHttp.Response r;
        try {
            r = http.send("POST", path, "Bearer " + appJwt(), null, null);
        } catch (GitHubException e) {
            // 401: the App's id or key is not (any longer) the one GitHub knows; a rotated secret is read again, once
            if (e.status() != 401 || !credentials.refresh()) {
                throw e;
            }
            r = http.send("POST", path, "Bearer " + appJwt(), null, null);
        }
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
