package dev.lastmile.core.provenance;

import java.util.Locale;

/** Who wrote the lines a finding sits on; {@link #id()} is the value of a finding's {@code authoredBy}. */
public enum AuthoredBy {
    /** Every line was last touched by an AI-authored commit of the change. */
    AI,
    /** Every line was last touched by a person's commit of the change. */
    HUMAN,
    /** Some lines by each. */
    MIXED,
    /** The lines are not part of the change's commits (an existing line, a full scan, a working tree). */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
