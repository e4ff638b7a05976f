package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.ColumnLineage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code SELECT *} (or {@code * EXCEPT (...)}) that passes PII columns of a classified relation into an unrestricted model. */
public final class SelectStarExposesPii implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL001", "sql.pii.select_star", Category.PII, Severity.HIGH,
            "SELECT * passes PII columns into a model that is not restricted",
            "A star copies every column of its relation, personal data included, and keeps copying the columns "
                    + "added upstream later; in a model outside the restricted layer that is how e-mail addresses "
                    + "end up in dashboards and exports nobody reviewed for privacy.",
            "Name the columns this model needs, leave the PII out (or hash it), or EXCEPT the PII columns; if the "
                    + "model must hold PII, build it into a restricted schema or path (sql.restricted in .lastmile.yml).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        if (!m.isModel() || m.restricted()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        m.analysis().modelQuery().ifPresent(q -> {
            for (ColumnLineage.StarOutput s : m.analysis().lineage(q).stars()) {
                Map<String, PiiCatalog.Pii> pii = m.catalog().piiColumns(s.kind(), s.relation());
                List<String> kept = pii.keySet().stream().filter(c -> !s.except().contains(c)).sorted().toList();
                if (kept.isEmpty()) {
                    continue;
                }
                String first = kept.getFirst();
                out.add(m.at(META, s.line(), "* passes PII column" + (kept.size() > 1 ? "s " : " ") + String.join(", ", kept)
                        + " of " + PiiCatalog.describe(s.kind(), s.relation(), "*").replace(".*", "")
                        + " into " + m.modelName() + ", which is not restricted (" + first + ": " + pii.get(first).reason() + ")")
                        .withFingerprintKey("star:" + s.relation() + ":" + String.join(",", kept))
                        .withSeverity(PiiSeverity.of(m)));
            }
        });
        return out;
    }
}
