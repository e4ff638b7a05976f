package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.RegexDetector;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Live secret and restricted keys of Stripe-style payment APIs ({@code sk_live_}, {@code rk_live_}), as used by
 * revenue pipelines that load charges and invoices. Test-mode keys ({@code sk_test_}) move no money and are not
 * reported.
 */
public final class StripeLiveKey {

    public static final RuleMeta META = new RuleMeta(
            "SEC011", "secrets.stripe_live_key", Category.CREDENTIALS, Severity.HIGH,
            "Live payment API secret key",
            "A live secret key reads customers, charges and payouts, and can refund or move money. Revenue "
                    + "pipelines often hold one to extract invoices.",
            "Rotate it: roll the key in the Stripe dashboard (Developers > API keys > Roll key) now. Give extract jobs a "
                    + "restricted read-only key read from the environment or a secret manager.");

    static final Detector LIVE_KEY = new RegexDetector("stripe-live-key", META,
            "A Stripe live secret or restricted key.",
            List.of("_live_"),
            Pattern.compile("(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9a-zA-Z]{24,99})(?![A-Za-z0-9_])"),
            1, 3.0, List.of(), "live secret key", null, 3);

    public static List<Detector> detectors() {
        return List.of(LIVE_KEY);
    }

    private StripeLiveKey() {
    }
}
