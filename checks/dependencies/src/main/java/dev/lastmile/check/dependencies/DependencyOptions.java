package dev.lastmile.check.dependencies;

import dev.lastmile.check.dependencies.client.HttpJson;
import dev.lastmile.core.store.LocalObjectStore;
import dev.lastmile.core.store.ObjectStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * How the dependency check reaches the services and where it keeps their answers.
 *
 * @param cache       where answers are cached (an S3-backed store in the functions, a directory for the CLI); null
 *                    for no cache
 * @param offline     use the cache only: nothing is fetched, and whatever is not cached is listed as not checked
 * @param depsDevUrl  deps.dev base URL, or null for the policy's {@code licenses.depsdev_url}, else
 *                    {@code https://api.deps.dev}
 * @param osvUrl      OSV base URL, or null for the policy's {@code licenses.osv_url}, else {@code https://api.osv.dev}
 * @param clock       time source for cache expiry and the network budget
 * @param network     time-outs, retries and budget
 */
public record DependencyOptions(ObjectStore cache, boolean offline, URI depsDevUrl, URI osvUrl, Clock clock,
                                HttpJson.Settings network) {

    public static final URI DEFAULT_DEPSDEV = URI.create("https://api.deps.dev");
    public static final URI DEFAULT_OSV = URI.create("https://api.osv.dev");
    public static final String ENV_DEPSDEV = "LASTMILE_DEPSDEV_URL";
    public static final String ENV_OSV = "LASTMILE_OSV_URL";

    public DependencyOptions {
        clock = clock == null ? Clock.systemUTC() : clock;
        network = network == null ? HttpJson.Settings.defaults() : network;
    }

    public DependencyOptions(ObjectStore cache, boolean offline, URI depsDevUrl, URI osvUrl, Clock clock) {
        this(cache, offline, depsDevUrl, osvUrl, clock, null);
    }

    /**
     * Defaults for a process: the cache under {@code $XDG_CACHE_HOME/lastmile} (else {@code ~/.cache/lastmile}),
     * online, URLs from {@code LASTMILE_DEPSDEV_URL} / {@code LASTMILE_OSV_URL} when set.
     */
    public static DependencyOptions fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    static DependencyOptions fromEnvironment(Map<String, String> env, String home) {
        return new DependencyOptions(new LocalObjectStore(cacheDirectory(env, home)), false,
                url(env.get(ENV_DEPSDEV)), url(env.get(ENV_OSV)), Clock.systemUTC(), null);
    }

    /** {@code $XDG_CACHE_HOME/lastmile}, else {@code ~/.cache/lastmile} (the XDG base directory default). */
    public static Path cacheDirectory(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "lastmile");
        }
        return Path.of(home == null ? "." : home, ".cache", "lastmile");
    }

    public DependencyOptions withOffline(boolean off) {
        return new DependencyOptions(cache, off, depsDevUrl, osvUrl, clock, network);
    }

    public DependencyOptions withCache(ObjectStore store) {
        return new DependencyOptions(store, offline, depsDevUrl, osvUrl, clock, network);
    }

    private static URI url(String s) {
        return s == null || s.isBlank() ? null : URI.create(s.strip().replaceAll("/+$", ""));
    }
}
