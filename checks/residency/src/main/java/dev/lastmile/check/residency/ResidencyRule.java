package dev.lastmile.check.residency;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** One residency rule: reads the resolved {@link ResidencyModel} and reports findings. */
public interface ResidencyRule {

    /** The finding property that lists the files a finding rests on besides its own (for reviewers and reports). */
    String EVIDENCE = "evidenceFiles";

    RuleMeta meta();

    List<Finding> check(ResidencyModel model);

    /** Records the files a finding depends on, besides its own path. */
    static Finding withEvidence(Finding f, Collection<String> files) {
        String joined = files.stream().filter(p -> p != null && !p.isBlank()).distinct().sorted()
                .collect(Collectors.joining(","));
        return joined.isEmpty() ? f : f.withProperty(EVIDENCE, joined);
    }
}
