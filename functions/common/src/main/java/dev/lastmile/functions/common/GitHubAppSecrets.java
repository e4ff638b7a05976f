package dev.lastmile.functions.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The GitHub App's secret as the functions read it: <b>at run time, never in a constructor</b>. SnapStart runs every
 * handler's constructor when it publishes a version, which on a first deployment is before anyone has put the App's
 * key into the secret (the template creates it with empty values); a constructor that read it would fail the
 * version and roll the stack back. So the secret is read on first use, after restore, and then:
 * <ul>
 *   <li>memoised for {@link #TTL}, so a rotated secret reaches every warm container within that time;</li>
 *   <li>read again at once by {@link #refresh()} when GitHub says the old one is wrong (a webhook signature that does
 *       not match, a 401 to the App's JWT), at most once per {@link #MIN_REFRESH_INTERVAL}, so a flood of forged
 *       deliveries cannot turn into a flood of Secrets Manager calls.</li>
 * </ul>
 * A failed read is not remembered: the next use tries again.
 */
public final class GitHubAppSecrets {

    /** How long one read of the secret is used before it is read again. */
    public static final Duration TTL = Duration.ofMinutes(10);
    /** The shortest time between two reads forced by {@link #refresh()}. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private record Read(GitHubAppSecret secret, Instant at) {
    }

    private final Supplier<String> reader;
    private final Clock clock;
    private volatile Read last;

    /**
     * @param reader reads the secret's JSON (Secrets Manager's GetSecretValue in AWS); called only on use
     * @param clock  the time the memo's age is measured with
     */
    public GitHubAppSecrets(Supplier<String> reader, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** A fixed secret (tests, the local pipeline): refreshing never changes it. */
    public static GitHubAppSecrets fixed(GitHubAppSecret secret) {
        String json = secret.toJson();
        return new GitHubAppSecrets(() -> json, Clock.systemUTC());
    }

    /**
     * The secret {@code LASTMILE_GITHUB_SECRET_ARN} names, read from Secrets Manager with the function's own
     * credentials. Builds the reader only: nothing is fetched until {@link #current()}.
     */
    public static GitHubAppSecrets fromEnvironment(Environment env) {
        String arn = env.require(Environment.GITHUB_SECRET_ARN);
        return new GitHubAppSecrets(GitHubAppSecret.reader(arn), Clock.systemUTC());
    }

    /** The secret, read now if it never was or its read is older than {@link #TTL}. */
    public GitHubAppSecret current() {
        Read r = last;
        if (r != null && clock.instant().isBefore(r.at().plus(TTL))) {
            return r.secret();
        }
        synchronized (this) {
            r = last;
            if (r != null && clock.instant().isBefore(r.at().plus(TTL))) {
                return r.secret();
            }
            return read().secret();
        }
    }

    /**
     * Reads the secret again because GitHub refused what the current one made. True when the value changed, so the
     * caller's one retry can succeed; false when it is unchanged or was read less than {@link #MIN_REFRESH_INTERVAL}
     * ago (a second refusal in a row is then the caller's answer, not a reason to ask Secrets Manager again).
     */
    public synchronized boolean refresh() {
        Read before = last;
        if (before != null && clock.instant().isBefore(before.at().plus(MIN_REFRESH_INTERVAL))) {
            return false;
        }
        Read now = read();
        return before == null || !now.secret().equals(before.secret());
    }

    private Read read() {
        Read r = new Read(GitHubAppSecret.parse(reader.get()), clock.instant());
        last = r;
        return r;
    }
}
