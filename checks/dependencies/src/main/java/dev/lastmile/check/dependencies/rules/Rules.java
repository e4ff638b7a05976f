package dev.lastmile.check.dependencies.rules;

import dev.lastmile.core.model.RuleMeta;
import java.util.List;

/** Every rule of the dependency check, explicitly, in id order. */
public final class Rules {

    private static final List<DependencyRule> ALL = List.of(
            new DeniedLicense(),
            new LicenseNeedsReview(),
            new UnknownLicense(),
            new KnownCriticalVulnerability(),
            new KnownHighVulnerability(),
            new KnownMediumVulnerability(),
            new KnownLowVulnerability(),
            new UnpinnedDependency(),
            new MalformedManifest());

    private Rules() {
    }

    public static List<DependencyRule> all() {
        return ALL;
    }

    public static List<RuleMeta> metas() {
        return ALL.stream().map(DependencyRule::meta).toList();
    }
}
