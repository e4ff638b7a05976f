package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyModel.Input;
import dev.lastmile.check.residency.ResidencyModel.ModelNode;
import dev.lastmile.check.residency.ResidencyModel.Place;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.dbt.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RES004: a BigQuery model whose tables (and destination) are in different locations. BigQuery runs each query in one
 * location, so such a model fails at run time ("Not found: Dataset ... was not found in location EU"); the EU
 * multi-region and europe-west1 are different locations too.
 */
public final class BigQueryMixedLocations implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES004", "residency.bigquery.mixed_locations", Category.RESIDENCY,
            Severity.HIGH,
            "A BigQuery query mixes datasets of different locations",
            "BigQuery requires every table of a query, and the destination table, to be in one location; a model that "
                    + "crosses locations fails when dbt runs it, usually in production, where the datasets really differ.",
            "Keep the model's inputs and its dataset in one location: replicate or copy the data deliberately (a "
                    + "cross-region dataset copy is itself a transfer to review), or move the model's dataset.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        if (model.dialect() != Dialect.BIGQUERY) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (ModelNode m : model.judgedModels()) {
            if (m.ephemeral() || m.processing() != null) {
                continue;   // ephemeral models are inlined; Python models read through the storage API, not a query
            }
            Map<String, String> byLocation = new LinkedHashMap<>();
            Set<String> evidence = new LinkedHashSet<>();
            int line = 0;
            Location first = null;
            m.place().location().ifPresent(l -> byLocation.put(l.id(), m.shortRelation() + " (destination) in " + l.display()));
            if (m.place().location().isPresent()) {
                first = m.place().location().get();
                evidence.add(m.place().file());
            }
            for (Input in : m.inputs()) {
                if (in.kind() == ResidencyModel.InputKind.URI) {
                    continue;   // external files are read through their own connection, not the query location
                }
                if (in.kind() == ResidencyModel.InputKind.REF) {
                    ModelNode up = model.models().get(in.name());
                    if (up == null || up.ephemeral()) {
                        continue;
                    }
                }
                Place p = model.placeOfInput(in);
                if (p.location().isEmpty()) {
                    continue;
                }
                Location l = p.location().get();
                if (first == null) {
                    first = l;
                }
                if (!byLocation.containsKey(l.id())) {
                    byLocation.put(l.id(), in.name() + " in " + l.display());
                    evidence.add(p.file());
                    if (!l.id().equals(first.id()) && line == 0) {
                        line = in.line();
                    }
                }
            }
            if (byLocation.size() < 2) {
                continue;
            }
            if (line == 0) {
                line = m.configLine() > 0 ? m.configLine() : 1;
            }
            String msg = "model " + m.name() + " reads and writes BigQuery datasets in " + byLocation.size()
                    + " locations (" + String.join("; ", byLocation.values()) + "): BigQuery runs a query in a single"
                    + " location, so this model fails when dbt runs it.";
            out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(line), msg)
                    .withFingerprintKey(META.id() + ":" + m.name() + ":" + String.join("+", byLocation.keySet())), evidence));
        }
        return out;
    }
}
