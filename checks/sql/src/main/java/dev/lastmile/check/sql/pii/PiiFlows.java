package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.dbt.model.ColumnLineage;
import dev.lastmile.dbt.model.Derivation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The PII columns a model's output receives unchanged from external relations, one per column and line. */
final class PiiFlows {

    record Flow(String column, String origin, PiiCatalog.Pii pii, int line) {
    }

    private PiiFlows() {
    }

    static List<Flow> of(ModelContext m) {
        List<Flow> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        m.analysis().modelQuery().ifPresent(q -> {
            for (ColumnLineage.OutputColumn col : m.analysis().lineage(q).columns()) {
                if (m.policy().notPii().contains(col.name())) {
                    continue;
                }
                for (ColumnLineage.Origin o : col.origins()) {
                    if (o.derivation() != Derivation.DIRECT) {
                        continue;
                    }
                    Optional<PiiCatalog.Pii> pii = m.catalog().pii(o.kind(), o.relation(), o.column());
                    if (pii.isPresent() && seen.add(col.name() + "@" + o.line())) {
                        out.add(new Flow(col.name(), PiiCatalog.describe(o), pii.get(), o.line()));
                        break;
                    }
                }
            }
        });
        return out;
    }
}
