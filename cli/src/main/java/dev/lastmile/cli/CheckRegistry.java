package dev.lastmile.cli;

import dev.lastmile.check.dependencies.DependencyCheck;
import dev.lastmile.check.dependencies.DependencyOptions;
import dev.lastmile.check.residency.ResidencyCheck;
import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The check families this build of the CLI carries, by their {@code --checks} name. Explicit, no classpath scanning:
 * a family is listed here once its module exists, and a family that is not built yet is simply absent.
 */
final class CheckRegistry {

    /**
     * What a check may need from the command line.
     *
     * @param offline         make no network requests (the dependency check uses its cache only)
     * @param dependencyCache the dependency check's cache folder, or null for {@code $XDG_CACHE_HOME/lastmile}
     */
    record Options(boolean offline, Path dependencyCache) {
        Options(boolean offline) {
            this(offline, null);
        }
    }

    private static final Map<String, Function<Options, Check>> FACTORIES = new LinkedHashMap<>();

    static {
        // Registered in the order their results are printed.
        FACTORIES.put("sql", options -> new SqlCheck());
        FACTORIES.put("secrets", options -> new SecretsCheck());
        FACTORIES.put("residency", options -> new ResidencyCheck());
        FACTORIES.put("licenses", CheckRegistry::dependencyCheck);
    }

    private static Check dependencyCheck(Options options) {
        DependencyOptions deps = DependencyOptions.fromEnvironment().withOffline(options.offline());
        if (options.dependencyCache() != null) {
            deps = deps.withCache(new LocalObjectStore(options.dependencyCache()));
        }
        return new DependencyCheck(deps);
    }

    private CheckRegistry() {
    }

    static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Instantiates the named checks; throws {@link IllegalArgumentException} for an unknown name. */
    static List<Check> create(List<String> names, Options options) {
        List<Check> out = new ArrayList<>();
        for (String name : names) {
            Function<Options, Check> factory = FACTORIES.get(name.trim());
            if (factory == null) {
                throw new IllegalArgumentException("unknown check '" + name.trim() + "' (available: "
                        + (FACTORIES.isEmpty() ? "none" : String.join(", ", FACTORIES.keySet())) + ")");
            }
            out.add(factory.apply(options));
        }
        return out;
    }

    static List<Check> all(Options options) {
        return create(names(), options);
    }
}
