package dev.lastmile.cli;

import dev.lastmile.check.dependencies.DependencyCheck;
import dev.lastmile.check.dependencies.DependencyOptions;
import dev.lastmile.check.impact.ImpactCheck;
import dev.lastmile.check.residency.ResidencyCheck;
import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The check families this build of the CLI carries: how each {@link CheckFamily}'s check is built. Explicit, no
 * classpath scanning: a family is listed here once its module exists, and a family that is not built yet is simply
 * absent. Names come from the descriptor; {@code CheckRegistryTest} holds each built check to its family.
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

    /** How each family's check is built; the family's names all come from {@link CheckFamily}. */
    private static final Map<CheckFamily, Function<Options, Check>> FACTORIES = new EnumMap<>(CheckFamily.class);

    static {
        FACTORIES.put(CheckFamily.SQL, options -> new SqlCheck());
        FACTORIES.put(CheckFamily.SECRETS, options -> new SecretsCheck());
        FACTORIES.put(CheckFamily.RESIDENCY, options -> new ResidencyCheck());
        FACTORIES.put(CheckFamily.LICENSES, CheckRegistry::dependencyCheck);
        FACTORIES.put(CheckFamily.IMPACT, options -> new ImpactCheck());
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

    /** The {@code --checks} names of the families this build carries, in the order results are printed. */
    static List<String> names() {
        return FACTORIES.keySet().stream().map(CheckFamily::check).toList();
    }

    /** Instantiates the named checks; throws {@link IllegalArgumentException} for an unknown name. */
    static List<Check> create(List<String> names, Options options) {
        List<Check> out = new ArrayList<>();
        for (String name : names) {
            Function<Options, Check> factory = CheckFamily.byCheck(name.trim()).map(FACTORIES::get).orElse(null);
            if (factory == null) {
                throw new IllegalArgumentException("unknown check '" + name.trim() + "' (available: "
                        + (FACTORIES.isEmpty() ? "none" : String.join(", ", names())) + ")");
            }
            out.add(factory.apply(options));
        }
        return out;
    }

    static List<Check> all(Options options) {
        return create(names(), options);
    }
}
