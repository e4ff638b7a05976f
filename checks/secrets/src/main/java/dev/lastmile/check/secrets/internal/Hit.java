package dev.lastmile.check.secrets.internal;

import dev.lastmile.core.model.RuleMeta;

/**
 * One credential found in one file, before it becomes a {@code Finding}. Holds the value, in memory only, so that
 * it can be hashed, masked, deduplicated and allowlisted; {@code Findings} turns it into a finding without it.
 *
 * @param rule     the rule
 * @param line     first line
 * @param endLine  last line
 * @param value    the secret (never published)
 * @param what     what it is, for the message ("GitHub token", "literal credential under 'password'")
 * @param detector the detector or extractor that found it (kebab-case)
 * @param priority specificity: on overlap the higher one is kept
 */
public record Hit(RuleMeta rule, int line, int endLine, String value, String what, String detector, int priority) {

    public Hit {
        line = Math.max(1, line);
        endLine = Math.max(line, endLine);
    }

    /** Never the value: a hit printed in a log or a test failure shows its masked preview only. */
    @Override
    public String toString() {
        return "Hit[" + rule.id() + " line " + line + "-" + endLine + " " + detector + ": " + what + " ("
                + Masking.describe(value) + ")]";
    }

    /** The base64-ish characters of the value: the same secret escaped in JSON and decoded in YAML compare equal. */
    String core() {
        return value.replace("\\n", "").replaceAll("[^A-Za-z0-9+/=_-]", "");
    }

    boolean overlapsLines(Hit o) {
        return line <= o.endLine && o.line <= endLine;
    }
}
