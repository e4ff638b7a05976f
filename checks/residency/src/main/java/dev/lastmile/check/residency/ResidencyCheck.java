package dev.lastmile.check.residency;

import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.dbt.DbtScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data residency check: data of one jurisdiction stored or processed in another. It reads the repository at head
 * (infrastructure code, the dbt project, its production profile target) because a residency problem is a property of
 * the lineage, not of one file: a pull request that only moves a Terraform dataset to another region makes every model
 * writing there a transfer. In a pull request it reads the base revision the same way and calls a finding new only
 * when the base did not have it, wherever it is reported.
 */
public final class ResidencyCheck implements Check {

    public ResidencyCheck() {
        // load the region vocabulary now: a Lambda SnapStart snapshot taken after the handler's constructor keeps it
        RegionCatalog.get();
    }

    @Override
    public String name() {
        return "residency";
    }

    @Override
    public String checkRunName() {
        return "lastmile/residency";
    }

    @Override
    public List<RuleMeta> rules() {
        return ResidencyRules.all().stream().map(ResidencyRule::meta).sorted(Comparator.comparing(RuleMeta::id)).toList();
    }

    @Override
    public void validatePolicy(Policy policy) throws PolicyException {
        ResidencyPolicy.from(policy);
    }

    @Override
    public CheckResult run(ScanContext context) {
        ResidencyPolicy policy = ResidencyPolicy.from(context.policy());
        // no early return without zones: RES004 (BigQuery locations) and the parse/config rules need none
        java.util.Set<String> changed = null;
        if (context.mode() == ScanMode.PULL_REQUEST) {
            changed = new java.util.HashSet<>();
            for (var f : context.changedFiles()) {
                changed.add(f.path());
                changed.add(f.previousPath());
            }
        }
        java.util.function.Predicate<String> ignored = path -> context.policy().isIgnored(path);
        // the dbt project and its analyses are the scan's, shared with the SQL check (checks/dbt owns reading them)
        ResidencyModel model = ResidencyModel.build(policy, DbtScan.head(context), ignored, changed);
        List<String> incomplete = new ArrayList<>(model.incomplete());
        List<Finding> findings = findings(model, incomplete);

        // New or existing is decided against the base revision, because a residency finding rests on files other
        // than the one it is reported on (an upstream model, the Terraform that sets the location). Findings the
        // base already had (same rule, model, zone and location) are existing; the others are new.
        // Without zones and off BigQuery, every finding is about its own file (an unreadable file, a missing profile
        // target): the engine's line-based status is exact there, and the base revision is not read at all.
        if (context.mode() == ScanMode.PULL_REQUEST && context.base() != null && model.needsModels()) {
            try {
                ResidencyModel baseModel = ResidencyModel.build(policy, DbtScan.base(context), ignored, changed);
                java.util.Set<String> before = new java.util.HashSet<>();
                for (Finding f : findings(baseModel, new ArrayList<>())) {
                    if (f.fingerprintKey() != null) {
                        before.add(f.fingerprintKey());
                    }
                }
                List<Finding> judged = new ArrayList<>();
                for (Finding f : findings) {
                    judged.add(f.fingerprintKey() == null ? f
                            : f.withStatus(before.contains(f.fingerprintKey()) ? FindingStatus.EXISTING : FindingStatus.NEW));
                }
                findings = judged;
            } catch (RuntimeException e) {
                // without the base, the engine's line-based status stands; say why
                incomplete.add("the base revision could not be read to tell new findings from existing ones ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        findings.sort(Comparator.comparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        context.progress().progress(name(), model.filesRead(), model.filesRead());
        return new CheckResult(findings, model.filesRead(), incomplete);
    }

    private static List<Finding> findings(ResidencyModel model, List<String> incomplete) {
        List<Finding> out = new ArrayList<>();
        for (ResidencyRule rule : ResidencyRules.all()) {
            try {
                out.addAll(rule.check(model));
            } catch (RuntimeException e) {
                incomplete.add("rule " + rule.meta().id() + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        return out;
    }
}
