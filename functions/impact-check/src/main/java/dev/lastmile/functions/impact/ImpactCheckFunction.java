package dev.lastmile.functions.impact;

import dev.lastmile.check.impact.ImpactCheck;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Wiring;

/**
 * Lambda handler of the change impact check: consumes its scan-job queue and runs {@code new ImpactCheck()} through
 * the shared {@link CheckFunction}, the same code {@code lastmile scan --checks impact} runs. Handler string:
 * {@code dev.lastmile.functions.impact.ImpactCheckFunction::handleRequest}.
 */
public final class ImpactCheckFunction extends CheckFunction {

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = Wiring.ENVIRONMENT;

    /** Used by the Lambda runtime: clients from the environment, built once per execution environment. */
    public ImpactCheckFunction() {
        super(wiring -> new ImpactCheck());
    }

    /** Used by tests: the given clients. */
    public ImpactCheckFunction(Wiring wiring) {
        super(w -> new ImpactCheck(), wiring);
    }
}
