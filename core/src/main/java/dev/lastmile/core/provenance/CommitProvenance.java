package dev.lastmile.core.provenance;

import java.util.List;

/**
 * One commit's provenance.
 *
 * @param sha      the full commit id
 * @param ai       true when the evidence says an AI assistant or agent authored the commit
 * @param evidence what was seen; empty for a plain commit by a person
 */
public record CommitProvenance(String sha, boolean ai, List<Evidence> evidence) {

    public CommitProvenance {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
