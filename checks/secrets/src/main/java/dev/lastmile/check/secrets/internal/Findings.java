package dev.lastmile.check.secrets.internal;

import dev.lastmile.check.secrets.rules.CredentialInTestFixture;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;

/**
 * Turns a {@link Hit} into a {@link Finding} that holds no secret: the message names what was found and where, with
 * at most a masked preview; properties carry the preview and the keyed hash; the fingerprint key is the keyed hash,
 * so the same secret keeps its identity when lines move and two secrets on one line stay apart.
 */
public final class Findings {

    private final SecretHasher hasher;

    public Findings(SecretHasher hasher) {
        this.hasher = hasher;
    }

    public Finding of(String path, Hit hit) {
        if (hit.rule().category() != Category.CREDENTIALS) {
            return Finding.of(hit.rule(), path, Region.lines(hit.line(), hit.endLine()), capitalised(hit.what()) + ".")
                    .withProperty("detector", hit.detector());
        }
        String hash = hasher.hash(hit.value());
        String message = capitalised(hit.what()) + " (" + Masking.describe(hit.value()) + ").";
        Finding f = Finding.of(hit.rule(), path, Region.lines(hit.line(), hit.endLine()), message)
                .withFingerprintKey(hash)
                .withProperty("detector", hit.detector())
                .withProperty("secretHash", "hmac:" + hash);
        String preview = Masking.preview(hit.value());
        if (!preview.isEmpty()) {
            f = f.withProperty("maskedValue", preview);
        }
        return f;
    }

    /** The finding a declared test fixture gets instead: SEC080 at info, naming the rule it would have been. */
    public Finding asTestFixture(Finding f) {
        Finding g = Finding.of(CredentialInTestFixture.META, f.path(), f.region(),
                f.message().replaceAll("\\.$", "") + ", in a declared test fixture (" + f.ruleId() + ").")
                .withFingerprintKey(f.fingerprintKey());
        for (var e : f.properties().entrySet()) {
            g = g.withProperty(e.getKey(), e.getValue());
        }
        return g.withProperty("originalRule", f.ruleId());
    }

    /**
     * A secret that a commit of the pull request added and a later one removed: still in the git history, so still
     * leaked. Reported as new, on the path and line of the commit that added it.
     */
    public static Finding asHistory(Finding f, String commit) {
        String shortId = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return f.withMessage(f.message().replaceAll("\\.$", "") + ", added in commit " + shortId
                        + " of this pull request and removed before its head: it is still in the git history.")
                .withRemediation(f.remediation() + " Removing it in a later commit does not help: the value stays in "
                        + "the git history (and in every clone and fork), so rotate it even though the head no longer "
                        + "contains it; squashing the pull request only hides it from the default branch.")
                .withProperty("commit", commit)
                .withProperty("inHistoryOnly", "true")
                .withStatus(FindingStatus.NEW);
    }

    /** Sentence case, except for names spelled in lower case on purpose (dbt, npm). */
    private static String capitalised(String s) {
        if (s.isEmpty() || s.startsWith("dbt ") || s.startsWith("npm ")) {
            return s;
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
