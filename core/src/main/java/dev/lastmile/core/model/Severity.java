package dev.lastmile.core.model;

import java.util.Locale;

/** How bad a finding is. Ordered: {@code INFO < LOW < MEDIUM < HIGH < CRITICAL}. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in every output and in the policy file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code info|low|medium|high|critical}, case-insensitively. */
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.id().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected one of info, low, medium, high, critical)");
    }

    @Override
    public String toString() {
        return id();
    }
}
