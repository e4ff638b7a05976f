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
import dev.lastmile.dbt.ProjectFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The data residency check: data of one jurisdiction stored or processed in another. It reads the whole repository
 * at head (infrastructure code, the dbt project, its production profile target) because a residency problem is a
 * property of the lineage, not of one file: a pull request that only moves a Terraform dataset to another region
 * makes every model writing there a transfer. Findings whose evidence (a model on the lineage path, the Terraform
 * that sets the location, the YAML that assigns the zone) the pull request touched are marked new even when they are
 * reported on an unchanged file.
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
        ProjectFiles files = new ProjectFiles() {
            @Override
            public List<String> files() {
                return context.headFiles();
            }

            @Override
            public Optional<String> read(String path) {
                return context.readHead(path);
            }
        };
        java.util.Set<String> changed = null;
        if (context.mode() == ScanMode.PULL_REQUEST) {
            changed = new java.util.HashSet<>();
            for (var f : context.changedFiles()) {
                changed.add(f.path());
                changed.add(f.previousPath());
            }
        }
        ResidencyModel model = ResidencyModel.build(policy, files, path -> context.policy().isIgnored(path), changed);
        List<Finding> findings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>(model.incomplete());
        for (ResidencyRule rule : ResidencyRules.all()) {
            try {
                for (Finding f : rule.check(model)) {
                    findings.add(markNewWhenEvidenceChanged(f, context));
                }
            } catch (RuntimeException e) {
                incomplete.add("rule " + rule.meta().id() + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        findings.sort(Comparator.comparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        context.progress().progress(name(), model.filesRead(), model.filesRead());
        return new CheckResult(findings, model.filesRead(), incomplete);
    }

    /**
     * A finding reported on a file the pull request did not touch is still new when the pull request changed a file
     * it rests on (the engine would call it existing from the reported file alone).
     */
    private static Finding markNewWhenEvidenceChanged(Finding f, ScanContext context) {
        if (context.mode() != ScanMode.PULL_REQUEST || context.isChanged(f.path())) {
            return f;
        }
        String evidence = f.properties().get(ResidencyRule.EVIDENCE);
        if (evidence == null) {
            return f;
        }
        for (String p : evidence.split(",")) {
            if (!p.equals(f.path()) && context.isChanged(p)) {
                return f.withStatus(FindingStatus.NEW);
            }
        }
        return f;
    }
}
