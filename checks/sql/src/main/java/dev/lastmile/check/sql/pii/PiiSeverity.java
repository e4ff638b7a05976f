package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.core.model.Severity;

/**
 * PII in a final model (a mart, an exposure's model) is read by dashboards and exports: high. In any other
 * unrestricted model it has left the restricted layer but not yet reached consumers: medium. A policy override of
 * the rule's severity replaces both.
 */
final class PiiSeverity {

    private PiiSeverity() {
    }

    static Severity of(ModelContext m) {
        return m.exposed() ? Severity.HIGH : Severity.MEDIUM;
    }
}
