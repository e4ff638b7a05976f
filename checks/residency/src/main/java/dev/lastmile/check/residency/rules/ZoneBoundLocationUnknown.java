package dev.lastmile.check.residency.rules;

import dev.lastmile.check.residency.ResidencyModel;
import dev.lastmile.check.residency.ResidencyModel.Export;
import dev.lastmile.check.residency.ResidencyModel.Flow;
import dev.lastmile.check.residency.ResidencyModel.ModelNode;
import dev.lastmile.check.residency.ResidencyModel.Place;
import dev.lastmile.check.residency.ResidencyModel.Zoned;
import dev.lastmile.check.residency.ResidencyRule;
import dev.lastmile.check.residency.infra.InfraResource;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;

/** RES005: zone-bound data (a model it reaches, an export, an infrastructure resource) whose location lastmile cannot tell. */
public final class ZoneBoundLocationUnknown implements ResidencyRule {

    public static final RuleMeta META = new RuleMeta("RES005", "residency.location.unknown", Category.RESIDENCY,
            Severity.MEDIUM,
            "Zone-bound data is stored where lastmile cannot tell the location",
            "Residency can only be reviewed where the location is known: a dataset, bucket or account whose region is "
                    + "left to the environment, a default, or an unmapped account identifier may be anywhere.",
            "Declare the location: a location on the profile target or the dataset/bucket in Terraform, the provider "
                    + "region, residency.locations for things managed elsewhere, residency.accounts for Snowflake "
                    + "org-account identifiers and Databricks hosts, residency.deploy_regions for CloudFormation.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ResidencyModel model) {
        List<Finding> out = new ArrayList<>();
        // models placed by the production target alone share one cause: report it once, not once per model
        List<ModelNode> onPlatform = new ArrayList<>();
        Set<String> platformZones = new TreeSet<>();
        for (ModelNode m : model.judgedModels()) {
            if (m.ephemeral()) {
                continue;
            }
            Map<String, Flow> flows = model.flowsInto(m);
            if (flows.isEmpty()) {
                continue;
            }
            if (m.place().location().isEmpty() && m.place() == model.platform()) {
                onPlatform.add(m);
                platformZones.addAll(flows.keySet());
            } else if (m.place().location().isEmpty()) {
                Flow f = flows.values().iterator().next();
                int line = m.configLine() > 0 ? m.configLine() : f.firstHop() != null ? f.firstHop().line() : 1;
                String msg = "data of zone " + String.join(", ", flows.keySet()) + " reaches model " + m.name() + " ("
                        + String.join(" → ", f.chain()) + "), but where " + m.relation() + " is stored is unknown: "
                        + m.place().unknown() + ". " + declareHint();
                out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(line), msg)
                        .withFingerprintKey(META.id() + ":" + m.name()), f.files()));
            }
            for (Export e : m.exports()) {
                Place p = model.uriPlace(e.uri());
                if (p.location().isEmpty()) {
                    out.add(ResidencyRule.withEvidence(Finding.of(META, m.path(), Region.line(e.line()),
                                    "data of zone " + String.join(", ", flows.keySet()) + " is exported to " + e.uri()
                                            + ", whose location is unknown: " + p.unknown() + ". " + declareHint())
                            .withFingerprintKey(META.id() + ":" + m.name() + ":" + e.uri()),
                            flows.values().iterator().next().files()));
                }
            }
        }
        if (!onPlatform.isEmpty()) {
            onPlatform.sort(Comparator.comparing(ModelNode::path));
            ModelNode first = onPlatform.getFirst();
            String profileFile = model.profile().file();
            String path = profileFile.isEmpty() ? first.path() : profileFile;
            String names = String.join(", ", onPlatform.stream().limit(5).map(ModelNode::name).toList())
                    + (onPlatform.size() > 5 ? " and " + (onPlatform.size() - 5) + " more" : "");
            String msg = "data of zone " + String.join(", ", platformZones) + " reaches " + onPlatform.size()
                    + " model(s) written by the production target (" + names + "), but where that target stores them is"
                    + " unknown: " + first.place().unknown() + ". " + declareHint();
            List<String> evidence = new ArrayList<>();
            onPlatform.forEach(m -> evidence.add(m.path()));
            out.add(ResidencyRule.withEvidence(Finding.of(META, path, Region.line(1), msg)
                    .withFingerprintKey(META.id() + ":platform"), evidence));
        }
        for (InfraResource r : model.infra()) {
            if (!r.locations().isEmpty()) {
                continue;
            }
            List<Zoned> zones = model.zonesOf(r);
            if (zones.isEmpty()) {
                continue;
            }
            out.add(ResidencyRule.withEvidence(Finding.of(META, r.path(), Region.line(r.line()),
                            r.address() + " is zone " + zones.getFirst().zone() + " (" + zones.getFirst().why()
                                    + "), but its location is unknown: " + r.unknownReason() + ". " + declareHint())
                    .withFingerprintKey(META.id() + ":" + r.address()), List.of(zones.getFirst().file())));
        }
        return out;
    }

    private static String declareHint() {
        return "Declare it (see docs/residency.md, 'Where lastmile looks for locations').";
    }
}
