package dev.lastmile.functions.secrets;

import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Priming;
import java.util.List;
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
    static Check check(Wiring wiring) {
        if (wiring.fingerprintKeys() == null || System.getenv(SecretsCheck.FINGERPRINT_KEY_VARIABLE) != null) {
            return new SecretsCheck();
        }
        return new KeyedOnUse(wiring);
    }

    /**
     * The secrets check keyed with the installation's key, which is derived from the App's secret when the first job
     * runs: the constructor (which SnapStart runs before the secret may hold anything) reads nothing. Priming runs
     * with a stand-in key.
     */
    static final class KeyedOnUse implements Check {
        private final Wiring wiring;
        private final SecretsCheck priming = SecretsCheck.withFingerprintKey(new byte[32]);
        private volatile byte[] key;
        private volatile SecretsCheck keyed;
        private volatile SecretsCheck unkeyed;

        KeyedOnUse(Wiring wiring) {
            this.wiring = wiring;
        }

        private SecretsCheck current() {
            if (Priming.inProgress()) {
                return priming;
            }
            byte[] now = wiring.fingerprintKey();
            if (now == null) {
                // a secret with neither key nor webhook secret: the check's own per-installation key, as outside AWS
                SecretsCheck own = unkeyed;
                if (own == null) {
                    own = new SecretsCheck();
                    unkeyed = own;
                }
                return own;
            }
            if (keyed == null || !java.util.Arrays.equals(now, key)) {
                keyed = SecretsCheck.withFingerprintKey(now);
                key = now;
            }
            return keyed;
        }

        @Override
        public String name() {
            return priming.name();
        }

        @Override
        public String checkRunName() {
            return priming.checkRunName();
        }

        @Override
        public List<RuleMeta> rules() {
            return priming.rules();
        }

        @Override
        public void validatePolicy(Policy policy) throws PolicyException {
            priming.validatePolicy(policy);
        }

        @Override
        public CheckResult run(ScanContext context) {
            return current().run(context);
        }
    }
}
