package dev.lastmile.check.residency;

import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import java.util.List;
import java.util.stream.Collectors;

/** Message helpers shared by the rules: how a zone, a location and a lineage chain read in a finding. */
public final class Zones {

    private Zones() {
    }

    public static String allowed(ResidencyPolicy.Zone zone) {
        return zone.locations().stream().map(Location::display).collect(Collectors.joining(", "));
    }

    /** Why a location is outside a zone: its name, plus the member regions outside for a multi-region. */
    public static String outside(ResidencyModel model, ResidencyPolicy.Zone zone, Location l) {
        if (!l.isMulti()) {
            return l.display();
        }
        List<String> out = model.catalog().outside(zone.locations(), l);
        return l.display() + " (a multi-region that includes " + String.join(", ", out.stream().limit(4).toList())
                + (out.size() > 4 ? ", ..." : "") + ")";
    }

    /** {@code source('crm','customers') [eu] → stg_customers → exports.customer_export [US]}. */
    public static String chain(ResidencyModel.Flow flow, ResidencyModel.ModelNode target, String location) {
        StringBuilder sb = new StringBuilder();
        List<String> c = flow.chain();
        sb.append(c.getFirst()).append(" [").append(flow.zone()).append("]");
        for (int i = 1; i < c.size() - 1; i++) {
            sb.append(" → ").append(c.get(i));
        }
        sb.append(" → ").append(target.shortRelation()).append(" [").append(location).append("]");
        return sb.toString();
    }
}
