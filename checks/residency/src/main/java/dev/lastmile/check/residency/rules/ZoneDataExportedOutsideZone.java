package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyModel.Export;
import dev.lastmile.check.residency.ResidencyModel.Flow;
import dev.lastmile.check.residency.ResidencyModel.ModelNode;
import dev.lastmile.check.residency.ResidencyModel.Place;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.check.residency.Zones;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** RES006: zone-bound data exported (EXPORT DATA, UNLOAD, COPY INTO a location) to a bucket outside the zone. */
public final class ZoneDataExportedOutsideZone implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES006", "residency.export.outside_zone", Category.RESIDENCY,
            Severity.HIGH,
            "Zone-bound data is exported to a bucket outside its zone",
            "EXPORT DATA, UNLOAD and COPY INTO a storage location write the query's result as files; a bucket in "
                    + "another region receives the zone's data as surely as a table would.",
            "Export to a bucket in one of the zone's locations, or export only data that is not zone-bound.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        List<Finding> out = new ArrayList<>();
        for (ModelNode m : model.judgedModels()) {
            if (m.exports().isEmpty()) {
                continue;
            }
            for (Export e : m.exports()) {
                Place p = model.uriPlace(e.uri());
                if (p.location().isEmpty()) {
                    continue;   // RES005
                }
                Location loc = p.location().get();
                for (Flow f : model.flowsInto(m).values()) {
                    ResidencyPolicy.Zone zone = model.policy().zones().get(f.zone());
                    if (model.catalog().allows(zone.locations(), loc)) {
                        continue;
                    }
                    String chain = String.join(" → ", f.chain());
                    String msg = chain.replaceFirst("^([^ ]+)", "$1 [" + f.zone() + "]") + " → " + e.uri() + " ["
                            + loc.display() + "]: data of zone " + f.zone() + " is exported to "
                            + Zones.outside(model, zone, loc) + " (" + p.how() + "); zone " + f.zone() + " allows only "
                            + Zones.allowed(zone) + ".";
                    Set<String> evidence = new LinkedHashSet<>(f.files());
                    evidence.add(p.file());
                    out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(e.line()), msg)
                            .withFingerprintKey(META.id() + ":" + m.name() + ":" + e.uri() + ":" + f.zone()), evidence));
                }
            }
        }
        return out;
    }
}
