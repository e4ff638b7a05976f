package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;

/** A column that is PII only by lineage: it carries a PII column of an upstream model or source under another name. */
public final class PiiReachesModelThroughRefChain implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL003", "sql.pii.lineage", Category.PII, Severity.HIGH,
            "PII flows through a ref() chain into a model that is not restricted",
            "Renaming a column does not make it safe: a contact column that is an e-mail three models upstream is "
                    + "still an e-mail. Reviewers see only the changed file; lineage through the project's ref graph "
                    + "shows what the column really holds.",
            "Stop the PII in the restricted layer: hash or drop it in the model that reads it, or build this model "
                    + "into a restricted schema or path (sql.restricted).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        if (!m.isModel() || m.restricted()) {
            return List.of();
        }
        return PiiFlows.of(m).stream().filter(f -> f.pii().viaLineage())
                .map(f -> m.at(META, f.line(), f.column() + " reaches " + m.modelName() + " from "
                        + f.origin() + ", and " + f.pii().reason()))
                .map(x -> x.withFingerprintKey("lineage:" + x.message().split(" ", 2)[0]))
                .map(x -> x.withSeverity(PiiSeverity.of(m)))
                .toList();
    }
}
