package dev.lastmile.check.dependencies.spdx;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * License categories in the manner of Trivy (and Google's license classifier before it): how much a license asks of
 * whoever ships the code. The lists are Trivy's defaults; any id they do not name is {@link #UNKNOWN}.
 */
public enum LicenseCategory {
    FORBIDDEN("AGPL-1\\.0.*", "AGPL-3\\.0.*", "CC-BY-NC.*", "Commons-Clause", "Facebook-[23]-Clause", "WTFPL"),
    RESTRICTED("GPL-[123]\\.0.*", "LGPL-2\\.[01].*", "LGPL-3\\.0.*", "CC-BY-ND.*", "CC-BY-SA.*", "OSL-.*", "QPL-.*",
            "Sleepycat", "NPL-.*", "BCL"),
    RECIPROCAL("MPL-.*", "EPL-.*", "CDDL-.*", "CPL-1\\.0", "APSL-.*", "IPL-1\\.0", "Ruby"),
    NOTICE("Apache-.*", "BSD-.*", "MIT.*", "ISC", "Artistic-.*", "BSL-1\\.0", "Zlib", "PostgreSQL", "Python-2\\.0.*",
            "PSF-2\\.0", "UPL-1\\.0", "Unicode-.*", "CC-BY-[0-9].*", "X11", "NCSA"),
    UNENCUMBERED("CC0-1\\.0", "Unlicense", "0BSD"),
    UNKNOWN();

    private final List<Pattern> patterns;

    LicenseCategory(String... regexes) {
        this.patterns = java.util.Arrays.stream(regexes)
                .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of one SPDX license id (already normalised by {@link SpdxParser}). */
    public static LicenseCategory of(String licenseId) {
        for (LicenseCategory c : values()) {
            for (Pattern p : c.patterns) {
                if (p.matcher(licenseId).matches()) {
                    return c;
                }
            }
        }
        return UNKNOWN;
    }

    /** The category named {@code id} ({@code forbidden}), or null. */
    public static LicenseCategory byId(String id) {
        for (LicenseCategory c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
