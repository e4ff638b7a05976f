package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyModel.Zoned;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.check.residency.Zones;
import dev.lastmile.check.residency.infra.InfraResource;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * RES003: Terraform or CloudFormation creating storage or compute for zone-bound data outside the zone, including a
 * multi-region that reaches beyond it ({@code US} for a {@code us-west2}-only zone).
 */
public final class InfrastructureOutsideZone implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES003", "residency.infra.outside_zone", Category.RESIDENCY,
            Severity.HIGH,
            "Infrastructure for zone-bound data is created outside the zone",
            "A bucket, dataset, database or processing cluster that holds or handles zone-bound data must itself be in "
                    + "the zone; a multi-region location (US, EU) may place data in any of its member regions, so it is "
                    + "inside a zone only when every member is.",
            "Set the resource's location/region (or its provider's region, or the template's deploy region) to one of "
                    + "the zone's locations; use a single region when the zone does not allow the whole multi-region.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        List<Finding> out = new ArrayList<>();
        for (InfraResource r : model.infra()) {
            if (r.locations().isEmpty()) {
                continue;   // RES005 says what to declare
            }
            for (Zoned z : model.zonesOf(r)) {
                ResidencyPolicy.Zone zone = model.policy().zones().get(z.zone());
                for (Location loc : r.locations()) {
                    if (model.catalog().allows(zone.locations(), loc)) {
                        continue;
                    }
                    String msg = r.address() + " is zone " + z.zone() + " (" + z.why() + ") but is in "
                            + Zones.outside(model, zone, loc) + ", from " + r.locationText() + "; zone " + z.zone()
                            + " allows only " + Zones.allowed(zone) + ".";
                    out.add(ResidencyRule.withEvidence(Finding.of(META, r.path(), Region.line(r.locationLine()), msg)
                            .withFingerprintKey(META.id() + ":" + r.address() + ":" + z.zone() + ":" + loc.id())
                            .withProperty("zone", z.zone()).withProperty("location", loc.display()), List.of(z.file())));
                }
            }
        }
        return out;
    }
}
