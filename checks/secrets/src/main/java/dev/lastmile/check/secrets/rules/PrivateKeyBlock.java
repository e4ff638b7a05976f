package dev.lastmile.check.secrets.rules;

import dev.lastmile.check.secrets.detect.Detector;
import dev.lastmile.check.secrets.detect.Entropy;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8 as used for Snowflake key-pair auth),
 * whether on lines of its own, in a YAML block scalar, or escaped with {@code \n} inside a JSON or Python string.
 * Public keys and certificates are not secrets and never match; a block whose body is a placeholder
 * ({@code ...}, a few characters) is not a key.
 */
public final class PrivateKeyBlock {

    public static final RuleMeta META = new RuleMeta(
            "SEC005", "secrets.private_key", Category.CREDENTIALS, Severity.CRITICAL,
            "Private key in the repository",
            "A private key authenticates as its owner wherever the matching public key is trusted: a Snowflake user "
                    + "with key-pair auth, an SSH deploy key, a TLS endpoint, a GitHub App. Encrypted keys are only as "
                    + "safe as their passphrase, which is usually committed nearby.",
            "Treat the key as leaked and rotate it: generate a new key pair, register the new public key (ALTER USER ... SET "
                    + "RSA_PUBLIC_KEY_2 in Snowflake, then unset the old one) and remove the old public key. Load "
                    + "private keys from a secret manager or a file path given by the environment.");

    static final Detector PEM = new PemDetector();

    /** True when {@code text} holds a complete private key block with a real (not placeholder) body. */
    public static boolean containsRealKey(String text) {
        return !PEM.find(text).isEmpty();
    }

    public static List<Detector> detectors() {
        return List.of(PEM);
    }

    private PrivateKeyBlock() {
    }

    static final class PemDetector implements Detector {
        private static final Pattern BEGIN = Pattern.compile(
                "-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----");
        /** Enough base64 to be a real key: the smallest (EC P-256, PKCS#8) body is about 180 characters. */
        private static final int MIN_BODY = 120;

        @Override
        public String id() {
            return "pem-private-key";
        }

        @Override
        public RuleMeta rule() {
            return META;
        }

        @Override
        public String description() {
            return "A PEM-encoded private key authenticates as its owner wherever its public key is trusted.";
        }

        @Override
        public List<String> keywords() {
            return List.of("private key");
        }

        @Override
        public List<Match> find(String text) {
            List<Match> out = new ArrayList<>();
            Matcher m = BEGIN.matcher(text);
            int searchFrom = 0;
            while (m.find(searchFrom)) {
                String kind = m.group(1);
                String endMarker = "-----END " + kind + "-----";
                int end = text.indexOf(endMarker, m.end());
                if (end < 0 || end - m.end() > 20_000) {
                    searchFrom = m.end();
                    continue;
                }
                String raw = text.substring(m.end(), end);
                if (raw.contains("...") || raw.contains("…")) {
                    searchFrom = end + endMarker.length();
                    continue; // an abbreviated example in documentation
                }
                String body = raw
                        .replace("\\n", "\n").replace("\\r", "")
                        .replaceAll("(?m)^[ \\t\"'+]*(?:Proc-Type|DEK-Info|Comment):.*$", "")
                        .replaceAll("[^A-Za-z0-9+/=]", "");
                searchFrom = end + endMarker.length();
                if (body.length() < MIN_BODY || Entropy.shannon(body) < 4.5) {
                    continue;
                }
                String label = kind.startsWith("ENCRYPTED") ? "encrypted private key (its passphrase is likely nearby)"
                        : kind.startsWith("OPENSSH") ? "OpenSSH private key" : kind.toLowerCase(java.util.Locale.ROOT);
                out.add(new Match(m.start(), searchFrom, text.substring(m.start(), searchFrom), label));
            }
            return out;
        }
    }
}
