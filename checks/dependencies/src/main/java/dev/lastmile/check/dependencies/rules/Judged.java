package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.client.Advisory;
import dev.lastmile.check.dependencies.client.DependencyServices.LicenseAnswer;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import java.util.List;

/**
 * One dependency the change brings in, with everything the rules need to judge it.
 *
 * @param pkg        the declaration as written
 * @param path       the manifest declaring it
 * @param version    the version judged: the pinned or locked one, or the newest release a range admits
 * @param resolution how {@code version} was decided when the declaration is not pinned ("newest release matching
 *                   >=2"), or null when pinned
 * @param license    deps.dev's answer, or null when it could not be had (then listed as not checked)
 * @param judgement  the license policy's verdict on {@code license}, or null with it
 * @param advisories the OSV advisories affecting {@code version} (null when they could not be had)
 * @param pinnedBy   the file that fixes {@code version} for a range written in {@code path} (a lockfile beside it, a
 *                   constraints file), or null
 */
public record Judged(Package pkg, String path, String version, String resolution, LicenseAnswer license,
                     LicenseJudge.Judgement judgement, List<Advisory> advisories, String pinnedBy) {

    public Judged(Package pkg, String path, String version, String resolution, LicenseAnswer license,
                  LicenseJudge.Judgement judgement, List<Advisory> advisories) {
        this(pkg, path, version, resolution, license, judgement, advisories, null);
    }

    /** The same dependency with the services' answers and the policy's verdict. */
    public Judged withAnswers(LicenseAnswer answer, LicenseJudge.Judgement verdict, List<Advisory> found) {
        return new Judged(pkg, path, version, resolution, answer, verdict, found, pinnedBy);
    }

    /** {@code pkg:pypi/requests@2.19.1}, the judged version. */
    public String purl() {
        return pkg.withVersion(version).purl();
    }

    /** How the message names the package: {@code requests 2.19.1} (or {@code requests >=2, judged at 2.32.3}). */
    public String display() {
        if (pinnedBy != null) {
            return pkg.name() + " " + version + " (" + (pkg.constraint() == null ? "any version" : pkg.constraint())
                    + " in " + Extractor.fileName(path) + ", pinned by " + Extractor.fileName(pinnedBy) + ")";
        }
        if (resolution == null) {
            return (pkg.name() + " " + (version == null ? "" : version)).strip();
        }
        return pkg.name() + (pkg.constraint() == null ? "" : " " + pkg.constraint()) + " (judged at " + version + ")";
    }

    /** The identity of this dependency for fingerprints: the same package in the same file stays one finding. */
    public String identity() {
        return pkg.ecosystem().purlType() + "/" + pkg.normalizedName();
    }
}
