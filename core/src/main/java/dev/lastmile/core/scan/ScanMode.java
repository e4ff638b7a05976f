package dev.lastmile.core.scan;

import java.util.Locale;

/** What a scan looks at. */
public enum ScanMode {
    /** The files a change touched, judged against its base: only new findings can fail the run. */
    PULL_REQUEST,
    /** Every file at one revision, as a scheduled scan does: every finding counts. */
    FULL;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ScanMode parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
