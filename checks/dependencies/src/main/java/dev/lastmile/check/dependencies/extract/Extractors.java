package dev.lastmile.check.dependencies.extract;

import dev.lastmile.check.dependencies.extract.dbt.packagesyml.DbtPackagesExtractor;
import dev.lastmile.check.dependencies.extract.golang.gomod.GoModExtractor;
import dev.lastmile.check.dependencies.extract.maven.gradlelockfile.GradleLockfileExtractor;
import dev.lastmile.check.dependencies.extract.maven.pomxml.PomXmlExtractor;
import dev.lastmile.check.dependencies.extract.npm.packagejson.PackageJsonExtractor;
import dev.lastmile.check.dependencies.extract.npm.packagelockjson.PackageLockJsonExtractor;
import dev.lastmile.check.dependencies.extract.npm.pnpmlock.PnpmLockExtractor;
import dev.lastmile.check.dependencies.extract.npm.yarnlock.YarnLockExtractor;
import dev.lastmile.check.dependencies.extract.pypi.pipfilelock.PipfileLockExtractor;
import dev.lastmile.check.dependencies.extract.pypi.poetrylock.PoetryLockExtractor;
import dev.lastmile.check.dependencies.extract.pypi.pyprojecttoml.PyprojectTomlExtractor;
import dev.lastmile.check.dependencies.extract.pypi.requirementstxt.RequirementsTxtExtractor;
import dev.lastmile.check.dependencies.extract.pypi.uvlock.UvLockExtractor;
import java.util.List;
import java.util.Optional;

/** Every extractor, explicitly (no classpath scanning: these run in Lambda, where start-up time counts). */
public final class Extractors {

    private static final List<Extractor> ALL = List.of(
            new RequirementsTxtExtractor(),
            new PyprojectTomlExtractor(),
            new PoetryLockExtractor(),
            new PipfileLockExtractor(),
            new UvLockExtractor(),
            new PackageJsonExtractor(),
            new PackageLockJsonExtractor(),
            new YarnLockExtractor(),
            new PnpmLockExtractor(),
            new PomXmlExtractor(),
            new GradleLockfileExtractor(),
            new GoModExtractor(),
            new DbtPackagesExtractor());

    private Extractors() {
    }

    public static List<Extractor> all() {
        return ALL;
    }

    /** The extractor for {@code path}, if any format claims it. */
    public static Optional<Extractor> forPath(String path) {
        for (Extractor e : ALL) {
            if (e.fileRequired(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Extractors whose name starts with {@code prefix + "/"} ({@code python} selects every python/* format). */
    public static List<Extractor> withPrefix(String prefix) {
        return ALL.stream().filter(e -> e.name().startsWith(prefix + "/")).toList();
    }
}
