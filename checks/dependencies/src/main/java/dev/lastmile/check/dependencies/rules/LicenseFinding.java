package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import java.util.Optional;
import java.util.function.Function;

/** The one shape of a license finding, for the rules that each report one verdict of the license judge. */
final class LicenseFinding {

    private LicenseFinding() {
    }

    /** A finding of {@code meta} when the dependency's license got {@code verdict}; the message is built only then. */
    static Optional<Finding> when(LicenseJudge.Verdict verdict, RuleMeta meta, Judged d, Function<Judged, String> message) {
        if (d.judgement() == null || d.judgement().verdict() != verdict) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(meta, d.path(), Region.line(d.pkg().line()), message.apply(d))
                .withProperty("purl", d.purl())
                .withProperty("license", LicenseEvaluation.written(d.license()))
                .withFingerprintKey(d.identity() + "|license"));
    }

    /** {@code pkg 1.0 is licensed AGPL-3.0: <the judge's reason>.} */
    static String licensedAs(Judged d) {
        return d.display() + " is licensed " + LicenseEvaluation.written(d.license()) + ": " + d.judgement().reason() + ".";
    }
}
