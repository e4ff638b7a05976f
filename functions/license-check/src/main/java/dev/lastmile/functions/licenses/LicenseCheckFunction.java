package dev.lastmile.functions.licenses;

import dev.lastmile.check.dependencies.DependencyCheck;
import dev.lastmile.check.dependencies.DependencyOptions;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Wiring;

/**
 * Lambda handler of the license and vulnerability check: consumes its scan-job queue and runs
 * {@link DependencyCheck} through the shared {@link CheckFunction}. Lambda's home directory is read-only, so the
 * deps.dev and OSV answers are cached in the findings bucket instead of {@code ~/.cache}. Handler string: {@code dev.lastmile.functions.licenses.LicenseCheckFunction::handleRequest}.
 */
public final class LicenseCheckFunction extends CheckFunction {

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = java.util.stream.Stream.concat(Wiring.ENVIRONMENT.stream(),
            java.util.stream.Stream.of(DependencyOptions.ENV_DEPSDEV, DependencyOptions.ENV_OSV)).toList();

    /** Used by the Lambda runtime: clients from the environment, built once per execution environment. */
    public LicenseCheckFunction() {
        super(wiring -> new DependencyCheck(DependencyOptions.fromEnvironment().withCache(wiring.cache())));
    }

    /** Used by tests: the given clients. */
    public LicenseCheckFunction(Wiring wiring) {
        super(w -> new DependencyCheck(DependencyOptions.fromEnvironment().withCache(w.cache())), wiring);
    }
}
