package dev.lastmile.check.sql.safety;

import dev.lastmile.check.sql.ModelContext;
import dev.lastmile.check.sql.SqlRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.model.ColumnLineage;
import java.util.ArrayList;
import java.util.List;

/**
 * A final model (mart, exposure) whose output includes {@code *} over a model, source or table. A star over the
 * model's own CTE with named columns ({@code select * from final}, the dbt style) is fine: its columns are named.
 */
public final class SelectStarInFinalModel implements SqlRule {

    public static final RuleMeta META = new RuleMeta("SQL032", "sql.safety.select_star_in_final_model",
            Category.SQL_HYGIENE, Severity.MEDIUM,
            "A final model selects * from another relation",
            "A mart is a contract with dashboards and exports. With a star, every column added, renamed or dropped "
                    + "upstream changes that contract unreviewed: consumers break, or start receiving data nobody "
                    + "approved for them.",
            "List the columns the consumers need. A star over this model's own CTE whose columns are named is fine.");

    /** A schema word that says "not for consumers": staging, intermediate, internal, scratch, raw landing. */
    private static final java.util.regex.Pattern INTERNAL_SCHEMA = java.util.regex.Pattern.compile(
            "(^|[_\\-.])(staging|stage|stg|intermediate|int|internal|tmp|temp|scratch|raw|landing|work)([_\\-.]|$)");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ModelContext m) {
        if (!m.isModel() || !m.exposed()) {
            return List.of();
        }
        if (!m.project().exposedModels().contains(m.modelName()) && INTERNAL_SCHEMA.matcher(m.configuredSchema()).find()) {
            return List.of(); // issue 16: configured into a staging/internal schema, so not final (an exposure still is)
        }
        List<Finding> out = new ArrayList<>();
        m.analysis().modelQuery().ifPresent(q -> {
            for (ColumnLineage.StarOutput s : m.analysis().lineage(q).stars()) {
                out.add(m.at(META, s.line(), "the output of final model " + m.modelName() + " includes * over "
                        + switch (s.kind()) {
                            case REF -> "ref('" + s.relation() + "')";
                            case SOURCE -> "source " + s.relation();
                            default -> s.relation();
                        } + ": upstream column changes reach its consumers unreviewed"));
            }
        });
        return out;
    }
}
