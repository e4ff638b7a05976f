package dev.lastmile.functions.secrets;

import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Wiring;

/**
 * Lambda handler of the secrets check: consumes its scan-job queue and runs {@code new SecretsCheck()} through the shared
 * {@link CheckFunction}. Handler string: {@code dev.lastmile.functions.secrets.SecretsCheckFunction::handleRequest}.
 */
public final class SecretsCheckFunction extends CheckFunction {

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = Wiring.ENVIRONMENT;

    /** Used by the Lambda runtime: clients from the environment, built once per execution environment. */
    public SecretsCheckFunction() {
        super(SecretsCheckFunction::check);
    }

    /** Used by tests: the given clients. */
    public SecretsCheckFunction(Wiring wiring) {
        super(SecretsCheckFunction::check, wiring);
    }

    /**
     * The check with a key every container of this installation shares (derived from the App's secret), so the
     * keyed hashes and fingerprints of credential findings are stable across runs; {@code LASTMILE_FINGERPRINT_KEY}
     * wins when set.
     */
    static SecretsCheck check(Wiring wiring) {
        byte[] key = wiring.fingerprintKey();
        if (key == null || System.getenv(SecretsCheck.FINGERPRINT_KEY_VARIABLE) != null) {
            return new SecretsCheck();
        }
        return SecretsCheck.withFingerprintKey(key);
    }
}
