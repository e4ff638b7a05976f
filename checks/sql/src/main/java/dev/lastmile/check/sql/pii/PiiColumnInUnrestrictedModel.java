package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;

/** A PII column, known from metadata, the policy or its name, selected unchanged into an unrestricted model. */
public final class PiiColumnInUnrestrictedModel implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL002", "sql.pii.column_exposed", Category.PII, Severity.HIGH,
            "A PII column reaches a model that is not restricted",
            "Marts, exposures and every model outside the restricted layer are read by more people and tools than "
                    + "the raw data; personal data copied there unchanged escapes the access controls and retention "
                    + "rules that protect it upstream.",
            "Drop the column, aggregate it, or hash it (sha2, md5, farm_fingerprint) before it leaves the restricted "
                    + "layer; if this model must hold PII, build it into a restricted schema or path (sql.restricted).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        if (!m.isModel() || m.restricted()) {
            return List.of();
        }
        return PiiFlows.of(m).stream().filter(f -> !f.pii().viaLineage())
                .map(f -> m.at(META, f.line(), f.column() + " reads " + f.origin() + ", which is PII ("
                        + f.pii().reason() + "), into " + m.modelName() + ", which is not restricted"
                        + (m.exposed() ? " and is a final model" : ""))
                        .withFingerprintKey("pii:" + f.column()))
                .map(x -> x.withSeverity(PiiSeverity.of(m)))
                .toList();
    }
}
