package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyModel.Flow;
import dev.lastmile.check.residency.ResidencyModel.ModelNode;
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
import java.util.Map;
import java.util.Set;

/** RES002: a model combining data of several zones, written where not every one of them is allowed. */
public final class ModelMixesZones implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES002", "residency.transfer.mixed_zones", Category.RESIDENCY,
            Severity.HIGH,
            "A model joins data of several zones and writes it where not all of them may be",
            "Joining EU customers with US orders produces data bound by both zones; it may only be stored where every "
                    + "zone involved allows, and when the zones share no location it cannot be stored anywhere.",
            "Join in a location every zone allows (or keep the zones in separate models and exchange only "
                    + "anonymised aggregates); declare the combined model's zone in the policy once it is approved.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** True when no region is allowed by every one of {@code zones}. */
    static boolean shareNoRegion(ResidencyModel model, java.util.Collection<String> zones) {
        Set<String> common = null;
        for (String z : zones) {
            Set<String> regions = new java.util.HashSet<>();
            for (Location l : model.policy().zones().get(z).locations()) {
                regions.addAll(model.catalog().regionsOf(l));
            }
            if (common == null) {
                common = regions;
            } else {
                common.retainAll(regions);
            }
        }
        return common != null && common.isEmpty();
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        List<Finding> out = new ArrayList<>();
        for (ModelNode m : model.judgedModels()) {
            if (m.ephemeral() || m.place().location().isEmpty()) {
                continue;
            }
            Map<String, Flow> flows = model.flowsInto(m);
            if (flows.size() < 2) {
                continue;
            }
            Location loc = m.place().location().get();
            List<String> violated = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            Set<String> evidence = new LinkedHashSet<>();
            int line = Integer.MAX_VALUE;
            for (Flow f : flows.values()) {
                ResidencyPolicy.Zone zone = model.policy().zones().get(f.zone());
                paths.add(Zones.chain(f, m, loc.display()));
                evidence.addAll(f.files());
                if (!model.catalog().allows(zone.locations(), loc)) {
                    violated.add(f.zone() + " (allows " + Zones.allowed(zone) + ")");
                    if (f.firstHop() != null) {
                        line = Math.min(line, f.firstHop().line());
                    }
                }
            }
            if (violated.isEmpty()) {
                continue;
            }
            if (line == Integer.MAX_VALUE) {
                line = m.configLine() > 0 ? m.configLine() : 1;
            }
            evidence.add(m.place().file());
            String msg = "model " + m.name() + " combines data of zones " + String.join(", ", flows.keySet())
                    + " and is written to " + loc.display() + " (" + m.place().how() + "), outside zone "
                    + String.join(" and zone ", violated) + ". Lineage: " + String.join("; ", paths) + "."
                    + (shareNoRegion(model, flows.keySet()) ? " These zones share no region: the combined data cannot"
                    + " be stored anywhere without an approved transfer." : "");
            out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(line), msg)
                    .withFingerprintKey(META.id() + ":" + m.name() + ":" + String.join("+", flows.keySet()) + ":" + loc.id())
                    .withProperty("zones", String.join(",", flows.keySet())).withProperty("location", loc.display()), evidence));
        }
        return out;
    }
}
