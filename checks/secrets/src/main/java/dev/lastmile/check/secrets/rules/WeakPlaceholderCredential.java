package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * A credential key holding a well-known default ({@code changeme}, {@code admin}, {@code postgres}) or a value too
 * short to be a real secret: not a leak of a real credential, but one that works wherever nobody changed it.
 */
public final class WeakPlaceholderCredential {

    public static final RuleMeta META = new RuleMeta(
            "SEC013", "secrets.weak_placeholder", Category.CREDENTIALS, Severity.LOW,
            "Default or placeholder password in configuration",
            "Defaults such as changeme, admin or postgres are the first values an attacker tries. In a local "
                    + "docker-compose file they are harmless; copied into a shared environment they are an open door.",
            "Read the value from the environment even for local setups ({{ env_var('DBT_PASSWORD') }}, ${VAR}), "
                    + "so nothing default-valued can reach a shared environment; use a placeholder such as <password> "
                    + "in examples.");

    private WeakPlaceholderCredential() {
    }
}
