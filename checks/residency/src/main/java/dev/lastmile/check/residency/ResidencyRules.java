package dev.lastmile.check.residency;

import dev.lastmile.check.residency.rules.BigQueryMixedLocations;
import dev.lastmile.check.residency.rules.InfrastructureOutsideZone;
import dev.lastmile.check.residency.rules.ModelMixesZones;
import dev.lastmile.check.residency.rules.ProductionTargetMissing;
import dev.lastmile.check.residency.rules.UnreadableInfrastructureFile;
import dev.lastmile.check.residency.rules.ZoneBoundLocationUnknown;
import dev.lastmile.check.residency.rules.ZoneDataExportedOutsideZone;
import dev.lastmile.check.residency.rules.ZoneDataWrittenOutsideZone;
import java.util.List;

/** The explicit registry of residency rules, in id order (no classpath scanning: cold start matters in Lambda). */
public final class ResidencyRules {

    private ResidencyRules() {
    }

    public static List<ResidencyRule> all() {
        return List.of(
                new ZoneDataWrittenOutsideZone(),
                new ModelMixesZones(),
                new InfrastructureOutsideZone(),
                new BigQueryMixedLocations(),
                new ZoneBoundLocationUnknown(),
                new ZoneDataExportedOutsideZone(),
                new UnreadableInfrastructureFile(),
                new ProductionTargetMissing());
    }
}
