package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * What any credential finding becomes in a path the policy lists under {@code secrets.test_fixtures} (with the
 * default {@code test_fixtures_action: info}): still visible, never failing a pull request.
 */
public final class CredentialInTestFixture {

    public static final RuleMeta META = new RuleMeta(
            "SEC080", "secrets.test_fixture", Category.CREDENTIALS, Severity.INFO,
            "Credential-shaped value in a declared test fixture",
            "Test fixtures hold fake credentials on purpose. They are reported for the record at info level, because "
                    + "a real credential pasted into a fixture is still a leak.",
            "Make sure the value is fake (generated at test time is best). If a real credential slipped in, rotate "
                    + "it.");

    private CredentialInTestFixture() {
    }
}
