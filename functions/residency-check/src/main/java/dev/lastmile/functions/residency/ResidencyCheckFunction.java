package dev.lastmile.functions.residency;

import dev.lastmile.check.residency.ResidencyCheck;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Wiring;

/**
 * Lambda handler of the data residency check: consumes its scan-job queue and runs {@code new ResidencyCheck()}
 * through the shared {@link CheckFunction}, the same code {@code lastmile scan --checks residency} runs. Handler
 * string: {@code dev.lastmile.functions.residency.ResidencyCheckFunction::handleRequest}.
 */
public final class ResidencyCheckFunction extends CheckFunction {

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = Wiring.ENVIRONMENT;

    /** Used by the Lambda runtime: clients from the environment, built once per execution environment. */
    public ResidencyCheckFunction() {
        super(wiring -> new ResidencyCheck());
    }

    /** Used by tests: the given clients. */
    public ResidencyCheckFunction(Wiring wiring) {
        super(w -> new ResidencyCheck(), wiring);
    }
}
