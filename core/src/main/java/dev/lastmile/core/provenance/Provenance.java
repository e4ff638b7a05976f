package dev.lastmile.core.provenance;

import java.util.List;

/**
 * Who wrote a change: for each commit of a pull request (or of a local range), whether an AI assistant or agent
 * authored it and the evidence that says so. Detection fills it (see docs/provenance.md); every output carries it as
 * {@code "provenance"}, and the audit record keeps it.
 *
 * @param aiAuthored true when at least one commit of the change is AI-authored
 * @param commits    the change's commits, oldest first
 */
public record Provenance(boolean aiAuthored, List<CommitProvenance> commits) {

    public Provenance {
        commits = commits == null ? List.of() : List.copyOf(commits);
    }

    /** No commits known (a full scan, a working tree): nothing is called AI-authored. */
    public static Provenance unknown() {
        return new Provenance(false, List.of());
    }

    public static Provenance of(List<CommitProvenance> commits) {
        return new Provenance(commits.stream().anyMatch(CommitProvenance::ai), commits);
    }
}
