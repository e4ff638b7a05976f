package dev.lastmile.check.impact;

import dev.lastmile.check.impact.policy.ImpactPolicy;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The change impact check: what a pull request breaks downstream (dropped, renamed or retyped columns still read,
 * deleted models still {@code ref()}'d, contracts changed without a new version, private models referenced across
 * groups), joins that fan out an aggregate, and the production readiness of new and changed models. It compares the
 * dbt project at base and at head as it is on disk: no warehouse, no dbt installation. Each revision is analysed once
 * per scan and shared with the SQL and residency checks ({@code DbtScan}).
 */
public final class ImpactCheck implements Check {

    @Override
    public String name() {
        return CheckFamily.IMPACT.check();
    }

    @Override
    public String checkRunName() {
        return CheckFamily.IMPACT.checkRunName();
    }

    @Override
    public List<RuleMeta> rules() {
        return ImpactRules.all().stream().map(ImpactRule::meta).sorted(Comparator.comparing(RuleMeta::id)).toList();
    }

    @Override
    public void validatePolicy(Policy policy) throws PolicyException {
        ImpactPolicy.from(policy);
    }

    @Override
    public CheckResult run(ScanContext context) {
        ImpactContext change = new ImpactContext(context, ImpactPolicy.from(context.policy()));
        List<Finding> findings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (ImpactRule rule : ImpactRules.all()) {
            try {
                findings.addAll(rule.check(change));
            } catch (RuntimeException e) {
                // one rule's failure leaves the others' results standing, and says so
                incomplete.add("rule " + rule.meta().id() + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        findings.sort(Comparator.comparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        int files = change.filesRead();
        context.progress().progress(name(), files, files);
        return new CheckResult(findings, files, incomplete);
    }
}
