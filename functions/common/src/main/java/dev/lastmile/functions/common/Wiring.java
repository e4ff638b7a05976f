package dev.lastmile.functions.common;

import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.sqs.MessageSender;
import dev.lastmile.aws.sqs.SqsClients;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.store.FindingsStore;
import java.util.Objects;

/**
 * The clients a check function needs, built once per execution environment (and captured by SnapStart).
 *
 * @param store          the findings store
 * @param sender         the queue sender
 * @param reportQueueUrl the reporter's queue
 * @param sources        how a job's repository is opened
 * @param status         how a check run is marked as started
 * @param maxReceives    the queue's maxReceiveCount, to report a job's last failure before the dead-letter queue
 * @param fingerprintKeys the key of the secrets check's keyed hashes, derived from the GitHub App's secret when it is
 *                       first asked for (after SnapStart's restore, never while the function is constructed); null
 *                       outside AWS
 */
public record Wiring(FindingsStore store, MessageSender sender, String reportQueueUrl, SourceFactory sources,
                     CheckRunStatus status, int maxReceives, java.util.function.Supplier<byte[]> fingerprintKeys) {

    /** Without a fingerprint key: the secrets check then takes {@code LASTMILE_FINGERPRINT_KEY} or its own. */
    public Wiring(FindingsStore store, MessageSender sender, String reportQueueUrl, SourceFactory sources,
                  CheckRunStatus status, int maxReceives) {
        this(store, sender, reportQueueUrl, sources, status, maxReceives, null);
    }

    /** The secrets check's fingerprint key, read now (null when the function runs without the App's secret). */
    public byte[] fingerprintKey() {
        return fingerprintKeys == null ? null : fingerprintKeys.get();
    }

    public Wiring {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(reportQueueUrl, "reportQueueUrl");
        Objects.requireNonNull(sources, "sources");
        status = status == null ? CheckRunStatus.NONE : status;
        maxReceives = maxReceives <= 0 ? 3 : maxReceives;
    }

    /** Every variable a check function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = java.util.List.of(Environment.BUCKET,
            Environment.STORE_PREFIX, Environment.REPORT_QUEUE_URL, Environment.MAX_RECEIVES,
            Environment.GITHUB_SECRET_ARN, Environment.GITHUB_APP_ID, Environment.GITHUB_API_URL);

    public static Wiring fromEnvironment(Environment env) {
        FindingsStore store = new FindingsStore(new S3ObjectStore(S3Clients.fromEnvironment(), env.require(Environment.BUCKET),
                env.optional(Environment.STORE_PREFIX).orElse("")));
        MessageSender sender = new SqsMessageSender(SqsClients.fromEnvironment());
        SourceFactory sources;
        CheckRunStatus status;
        java.util.function.Supplier<byte[]> fingerprintKey = null;
        if (env.optional(Environment.GITHUB_SECRET_ARN).isPresent()) {
            // nothing is read here: SnapStart constructs the function before the App's secret may hold anything
            GitHubAppSecrets secrets = GitHubAppSecrets.fromEnvironment(env);
            fingerprintKey = () -> secrets.current().fingerprintKey();
            GitHubAccess github = GitHubAccess.fromEnvironment(env, secrets);
            sources = new LocalGitSources(github.sources());
            status = github.checkRunStatus();
        } else {
            // sam local without a GitHub App: only jobs naming a local git directory can run
            sources = LocalGitSources.only();
            status = CheckRunStatus.NONE;
        }
        return new Wiring(store, sender, env.require(Environment.REPORT_QUEUE_URL), sources, status,
                env.integer(Environment.MAX_RECEIVES, 3), fingerprintKey);
    }

    /** Where a check may cache answers of outside services: the findings store's bucket and prefix. */
    public dev.lastmile.core.store.ObjectStore cache() {
        return store.objects();
    }

    public CheckJobProcessor processor(Check check) {
        return new CheckJobProcessor(check, sources, store, sender, reportQueueUrl, status);
    }
}
