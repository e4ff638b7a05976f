package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.List;

/** RES090: a Terraform, CloudFormation, profiles.yml or schema.yml file the residency check could not read. */
public final class UnreadableInfrastructureFile implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES090", "residency.parse.unreadable_file", Category.PARSE,
            Severity.INFO,
            "A file that places data could not be read, so residency was not judged for it",
            "Terraform, CloudFormation and dbt YAML say where data is stored; a file lastmile cannot parse is a blind "
                    + "spot, not a pass.",
            "Fix the syntax error reported (terraform validate, cfn-lint and dbt parse report the same), or report a "
                    + "lastmile bug with the construct it rejected.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        return model.problems().stream()
                .map(p -> Finding.of(META, p.path(), Region.line(Math.max(1, p.line())), p.message()
                        + "; its resources and metadata were left out of the residency check"))
                .toList();
    }
}
