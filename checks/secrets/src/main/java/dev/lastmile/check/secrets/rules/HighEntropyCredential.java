package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/**
 * A generated-looking string (long, high entropy, mixed characters) under a key that only suggests a credential
 * ({@code key}, {@code auth}, {@code signature}). Generic entropy is never used outside such a context: a base64
 * blob in a seed or a hash in a lock file is not a finding.
 */
public final class HighEntropyCredential {

    public static final RuleMeta META = new RuleMeta(
            "SEC012", "secrets.high_entropy_value", Category.CREDENTIALS, Severity.MEDIUM,
            "High-entropy value under a key that suggests a credential",
            "Keys named key, auth or signature often hold API keys and signing secrets. A long random value there is "
                    + "most likely one, and has the same exposure as any committed credential.",
            "If it is a credential, rotate it and read it from the environment or a secret manager. If it is not "
                    + "(a public identifier, a checksum), add an inline 'lastmile:ignore SEC012 -- <why>' comment or "
                    + "allow its hash in the policy's secrets.allowed_values.");

    /** The floor a value must reach: at least this many characters, bits per character and character classes. */
    public static final int MIN_LENGTH = 16;
    public static final double MIN_ENTROPY = 3.3;

    private HighEntropyCredential() {
    }
}
