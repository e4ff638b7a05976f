package dev.lastmile.core.model;

import java.util.Locale;

/**
 * Where a finding stands relative to the change under review.
 * <ul>
 *   <li>{@code NEW}: on a line the change added or modified (or, for a full scan, never used);</li>
 *   <li>{@code EXISTING}: elsewhere in a changed file, or anywhere in a full scan;</li>
 *   <li>{@code SUPPRESSED}: silenced by an inline {@code lastmile:ignore} with a reason.</li>
 * </ul>
 */
public enum FindingStatus {
    NEW, EXISTING, SUPPRESSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return id();
    }
}
