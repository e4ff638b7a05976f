package dev.lastmile.check.dependencies.spdx;

import java.util.List;

/**
 * A parsed SPDX license expression (SPDX 2.3 annex D): license ids (optionally {@code +}), {@code WITH} exceptions,
 * {@code AND} and {@code OR}. {@link #toString()} writes it back in canonical form, fully parenthesised where
 * precedence would otherwise be needed.
 */
public sealed interface SpdxExpression {

    /** A license id (normalised to its current SPDX spelling) or a {@code LicenseRef-}. */
    record License(String id, boolean orLater) implements SpdxExpression {
        /** True for {@code LicenseRef-...} and {@code DocumentRef-...:LicenseRef-...}: a license SPDX does not list. */
        public boolean isReference() {
            return id.startsWith("LicenseRef-") || id.startsWith("DocumentRef-");
        }

        @Override
        public String toString() {
            return id + (orLater ? "+" : "");
        }
    }

    record With(License license, String exception) implements SpdxExpression {
        @Override
        public String toString() {
            return license + " WITH " + exception;
        }
    }

    record And(List<SpdxExpression> terms) implements SpdxExpression {
        @Override
        public String toString() {
            return String.join(" AND ", terms.stream().map(t -> t instanceof Or ? "(" + t + ")" : t.toString()).toList());
        }
    }

    record Or(List<SpdxExpression> terms) implements SpdxExpression {
        @Override
        public String toString() {
            return String.join(" OR ", terms.stream().map(SpdxExpression::toString).toList());
        }
    }
}
