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

/** RES001: data of one zone, read directly or through the ref graph, written by a model to a location outside the zone. */
public final class ZoneDataWrittenOutsideZone implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES001", "residency.transfer.outside_zone", Category.RESIDENCY,
            Severity.HIGH,
            "Zone-bound data is written to a location outside its zone",
            "A model that copies data of a residency zone (EU personal data under GDPR, say) into a dataset or account in "
                    + "another region is a cross-border transfer nobody approved; derived data stays zone-bound, so the "
                    + "transfer may happen several models downstream of the zone-bound source.",
            "Write the model to a dataset/database in one of the zone's locations, or stop reading the zone-bound data; "
                    + "if the transfer is approved (anonymised aggregates, a signed SCC), suppress it with "
                    + "'lastmile:ignore RES001 -- <approval>' on the reported line.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        List<Finding> out = new ArrayList<>();
        for (ModelNode m : model.judgedModels()) {
            out.addAll(processedOutside(model, m));
            if (m.ephemeral() || m.place().location().isEmpty()) {
                continue;
            }
            Map<String, Flow> flows = model.flowsInto(m);
            if (flows.size() != 1) {
                continue;   // none, or several zones: RES002 judges a model that mixes zones
            }
            Flow f = flows.values().iterator().next();
            ResidencyPolicy.Zone zone = model.policy().zones().get(f.zone());
            Location loc = m.place().location().get();
            if (model.catalog().allows(zone.locations(), loc)) {
                continue;
            }
            int line = m.configLine() > 0 ? m.configLine() : f.firstHop() != null ? f.firstHop().line() : 1;
            String msg = Zones.chain(f, m, loc.display()) + ": data of zone " + f.zone() + " (" + f.origin().why()
                    + " in " + f.origin().file() + ") is written to " + Zones.outside(model, zone, loc) + ", per "
                    + m.place().how() + "; zone " + f.zone() + " allows only " + Zones.allowed(zone) + ".";
            Set<String> evidence = new LinkedHashSet<>(f.files());
            evidence.add(m.place().file());
            out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(line), msg)
                    .withFingerprintKey(META.id() + ":" + m.name() + ":" + f.zone() + ":" + loc.id())
                    .withProperty("zone", f.zone()).withProperty("location", loc.display())
                    .withProperty("lineage", String.join(" → ", f.chain())), evidence));
        }
        return out;
    }

    /** A Python model processes its inputs where it runs (BigQuery: the Dataproc region), wherever it writes. */
    private static List<Finding> processedOutside(ResidencyModel model, ModelNode m) {
        if (m.processing() == null || m.processing().location().isEmpty()) {
            return List.of();
        }
        Location loc = m.processing().location().get();
        List<Finding> out = new ArrayList<>();
        for (Flow f : model.flowsInto(m).values()) {
            ResidencyPolicy.Zone zone = model.policy().zones().get(f.zone());
            if (model.catalog().allows(zone.locations(), loc)) {
                continue;
            }
            int line = f.firstHop() != null ? f.firstHop().line() : Math.max(1, m.configLine());
            String msg = String.join(" → ", f.chain()).replaceFirst("^([^ ]+)", "$1 [" + f.zone() + "]")
                    + " is processed by Python model " + m.name() + " on Dataproc in " + Zones.outside(model, zone, loc)
                    + ", per " + m.processing().how() + "; zone " + f.zone() + " allows only " + Zones.allowed(zone) + ".";
            Set<String> evidence = new LinkedHashSet<>(f.files());
            evidence.add(m.processing().file());
            out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(line), msg)
                    .withFingerprintKey(META.id() + ":processing:" + m.name() + ":" + f.zone() + ":" + loc.id())
                    .withProperty("zone", f.zone()).withProperty("location", loc.display()), evidence));
        }
        return out;
    }
}
