package dev.lastmile.functions.common;

import dev.lastmile.core.source.SourceException;
import dev.lastmile.github.AppJwt;
import dev.lastmile.github.CheckRuns;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.GitHubHttp;
import dev.lastmile.github.GitHubRepositorySource;
import dev.lastmile.github.InstallationTokens;
import java.net.URI;
import java.time.Instant;

/**
 * The GitHub App as the functions use it: one HTTP client and one token cache per execution environment. The App's id
 * and key are read on first use (see {@link GitHubAppSecrets}), so building this never fails for want of them.
 */
public final class GitHubAccess {

    private final GitHubHttp http;
    private final InstallationTokens tokens;

    public GitHubAccess(GitHubHttp http, String appId, String privateKeyPem) {
        this.http = http;
        this.tokens = new InstallationTokens(http, appId, AppJwt.privateKey(privateKeyPem));
    }

    /**
     * @param appIdFallback the App id when the secret names none (the template's {@code GitHubAppId} parameter)
     */
    public GitHubAccess(GitHubHttp http, GitHubAppSecrets secrets, String appIdFallback) {
        this.http = http;
        this.tokens = new InstallationTokens(http, new SecretCredentials(secrets, appIdFallback));
    }

    /**
     * From {@code LASTMILE_GITHUB_SECRET_ARN}, {@code LASTMILE_GITHUB_APP_ID} and {@code LASTMILE_GITHUB_API_URL}; reads
     * nothing yet.
     */
    public static GitHubAccess fromEnvironment(Environment env, GitHubAppSecrets secrets) {
        URI api = env.optional(Environment.GITHUB_API_URL).map(URI::create).orElse(GitHubHttp.DEFAULT_API);
        return new GitHubAccess(GitHubHttp.create(api), secrets, env.optional(Environment.GITHUB_APP_ID).orElse(null));
    }

    /** As {@link #fromEnvironment(Environment, GitHubAppSecrets)} with the secret the environment names. */
    public static GitHubAccess fromEnvironment(Environment env) {
        return fromEnvironment(env, GitHubAppSecrets.fromEnvironment(env));
    }

    /**
     * The App's id and key from the secret, as read now. The secret's {@code appId} wins over the parameter: the id
     * and the key belong together, and both are rotated in the secret. The parsed key is kept until the PEM changes.
     */
    private static final class SecretCredentials implements InstallationTokens.AppCredentials {
        private final GitHubAppSecrets secrets;
        private final String appIdFallback;
        private volatile String pem;
        private volatile java.security.PrivateKey key;

        SecretCredentials(GitHubAppSecrets secrets, String appIdFallback) {
            this.secrets = secrets;
            this.appIdFallback = appIdFallback;
        }

        @Override
        public String appId() {
            return secrets.current().optionalAppId().or(() -> java.util.Optional.ofNullable(appIdFallback))
                    .filter(id -> !id.isBlank())
                    .orElseThrow(() -> new IllegalStateException("no GitHub App id: put appId into the App's secret "
                            + "or set the GitHubAppId parameter (docs/deploy.md)"));
        }

        @Override
        public java.security.PrivateKey privateKey() {
            String now = secrets.current().privateKeyPem();
            if (now == null || now.isBlank()) {
                throw new IllegalStateException("the GitHub App secret has no privateKey yet (docs/deploy.md, step 3)");
            }
            if (!now.equals(pem)) {
                key = AppJwt.privateKey(now);
                pem = now;
            }
            return key;
        }

        @Override
        public boolean refresh() {
            return secrets.refresh();
        }
    }

    public GitHubApi api(long installationId) {
        return new GitHubApi(http, tokens, installationId);
    }

    public GitHubHttp http() {
        return http;
    }

    public InstallationTokens tokens() {
        return tokens;
    }

    /** Jobs read through the REST API as their installation. */
    public SourceFactory sources() {
        return job -> {
            if (job.installationId() == null) {
                throw new SourceException("job " + job.jobId() + " names no GitHub App installation");
            }
            return new GitHubRepositorySource(api(job.installationId()), job.repository(), job.pullRequest());
        };
    }

    /**
     * Marks the family's check run {@code in_progress}, creating it when the webhook's was lost. Not for a full scan:
     * no one waits on a nightly scan's progress, and the reporter creates its run completed in one request, so a
     * night of many repositories costs GitHub's content-creation limit one request per family and repository.
     */
    public CheckRunStatus checkRunStatus() {
        return (job, checkRunName) -> {
            if (job.installationId() == null || job.mode() == dev.lastmile.core.scan.ScanMode.FULL) {
                return;
            }
            CheckRuns runs = new CheckRuns(api(job.installationId()), job.repository());
            java.util.Optional<com.fasterxml.jackson.databind.JsonNode> run = runs.findRun(job.head(), checkRunName, job.jobId());
            if (run.isPresent() && run.get().path("status").asText().equals("completed")) {
                // the job delivered again after its report: its run is done and stays so (turned back to in progress,
                // a report deduplicated by the FIFO queue would leave it running for ever)
                return;
            }
            long id = run.isPresent() ? run.get().path("id").asLong() : runs.findOrCreate(job.head(), checkRunName, job.jobId());
            runs.inProgress(id, Instant.now());
        };
    }
}
