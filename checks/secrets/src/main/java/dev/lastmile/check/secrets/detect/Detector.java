package dev.lastmile.check.secrets.detect;

import dev.lastmile.core.model.RuleMeta;
import java.util.List;

/**
 * A provider-format detector, in gitleaks' shape: a kebab-case id, a description of the risk, literal keywords that
 * must occur (lower case) before the costly part runs, and a matcher that finds the secret's value in raw text
 * whatever the file format. Its true and false positives live in {@code DetectorSamplesTest}, one set per id.
 */
public interface Detector {

    /** Stable kebab-case id, e.g. {@code github-pat}. */
    String id();

    /** The rule its findings belong to. */
    RuleMeta rule();

    /** What is leaked and what an attacker can do with it, in one sentence. */
    String description();

    /** Lower-case literals of which at least one must occur in the text for {@link #find} to run. */
    List<String> keywords();

    /** Every secret in {@code text}; offsets are into {@code text}. */
    List<Match> find(String text);

    /** Specificity when two findings overlap: the higher one is kept. */
    default int priority() {
        return 3;
    }

    /**
     * One secret found.
     *
     * @param start  offset of the secret's first character
     * @param end    offset after its last character
     * @param value  the secret (kept in memory only; never published)
     * @param label  what it is, for the message ("GitHub personal access token")
     */
    record Match(int start, int end, String value, String label) {
        /** Never the value. */
        @Override
        public String toString() {
            return "Match[" + label + " at " + start + "-" + end + " ("
                    + dev.lastmile.check.secrets.internal.Masking.describe(value) + ")]";
        }
    }
}
