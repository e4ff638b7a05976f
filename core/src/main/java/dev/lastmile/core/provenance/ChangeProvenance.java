package dev.lastmile.core.provenance;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.CommitInfo;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.util.Texts;
import dev.lastmile.core.util.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change's provenance and its line attribution, computed once per scan by the engine: for each commit of the
 * change (oldest first) whether it is AI-authored and why ({@link ProvenanceDetector}), and for each line the change
 * adds or modifies, the commit that last touched it.
 *
 * <p>Attribution walks the change's commits oldest to newest and carries each line's last author from one version
 * of a file to the next ({@link LineDiff}). When every commit has the same verdict (the usual case: one commit, or
 * all by people) no file is read: every changed line has that verdict. A full scan, a working tree or a source
 * without commit metadata has no provenance: every finding is {@link AuthoredBy#UNKNOWN}.
 */
public final class ChangeProvenance {

    private static final ChangeProvenance UNKNOWN = new ChangeProvenance(Provenance.unknown(), Map.of(), null, Map.of());

    private final Provenance provenance;
    /** path at head -> for each head line (0-based), the AI verdict of the commit that last touched it (null: unknown). */
    private final Map<String, Boolean[]> owners;
    /** the one verdict of every commit, when they agree (no per-line owners needed); null otherwise */
    private final Boolean uniform;
    private final Map<String, ChangedFile> changed;

    private ChangeProvenance(Provenance provenance, Map<String, Boolean[]> owners, Boolean uniform,
                             Map<String, ChangedFile> changed) {
        this.provenance = provenance;
        this.owners = owners;
        this.uniform = uniform;
        this.changed = changed;
    }

    /** Nothing known: every line {@link AuthoredBy#UNKNOWN}. */
    public static ChangeProvenance unknown() {
        return UNKNOWN;
    }

    public Provenance provenance() {
        return provenance;
    }

    /**
     * Detects the provenance of the change {@code context} describes and attributes its changed lines.
     *
     * @param signatures what counts as AI evidence (lastmile's list plus the policy's)
     */
    public static ChangeProvenance compute(ScanContext context, AiSignatures signatures) {
        if (context.mode() == ScanMode.FULL || context.base() == null
                || RepositorySource.WORKTREE.equals(context.head()) || RepositorySource.WORKTREE.equals(context.base())) {
            return UNKNOWN;
        }
        RepositorySource source = context.source();
        List<String> commits = context.commits();
        if (commits.isEmpty()) {
            return UNKNOWN;
        }
        Map<String, CommitInfo> infos = new LinkedHashMap<>();
        for (String sha : commits) {
            Optional<CommitInfo> info = source.commitInfo(sha);
            if (info.isEmpty()) {
                return UNKNOWN; // the source cannot tell: say nothing rather than call every commit a person's
            }
            infos.put(sha, info.get());
        }
        List<String> labels = source.pullRequestLabels();
        Map<String, List<Evidence>> traces = agentTraces(context, commits, signatures);
        ProvenanceDetector detector = new ProvenanceDetector(signatures);
        List<CommitProvenance> out = new ArrayList<>();
        for (String sha : commits) {
            out.add(detector.detect(infos.get(sha), labels, traces.getOrDefault(sha, List.of())));
        }
        Provenance provenance = Provenance.of(out);
        Map<String, ChangedFile> changed = new HashMap<>();
        context.changedFiles().forEach(f -> changed.put(f.path(), f));
        boolean anyAi = out.stream().anyMatch(CommitProvenance::ai);
        boolean allAi = out.stream().allMatch(CommitProvenance::ai);
        if (anyAi == allAi) {
            return new ChangeProvenance(provenance, Map.of(), allAi, changed);
        }
        Map<String, Boolean> verdict = new HashMap<>();
        out.forEach(c -> verdict.put(c.sha(), c.ai()));
        return new ChangeProvenance(provenance, attribute(context, commits, verdict), null, changed);
    }

    /** Agent Trace records the change's commits add or modify, by the commit they speak for. */
    private static Map<String, List<Evidence>> agentTraces(ScanContext context, List<String> commits, AiSignatures signatures) {
        Map<String, List<Evidence>> out = new HashMap<>();
        // a record added and later removed within the change speaks for nothing that is merged; only a change that
        // leaves a record behind costs a look at each commit's files
        if (context.changedFiles().stream().noneMatch(f -> !f.isDeleted() && signatures.isAgentTrace(f.path()))) {
            return out;
        }
        for (String sha : commits) {
            for (ChangedFile f : context.changesOf(sha)) {
                if (f.isDeleted() || !signatures.isAgentTrace(f.path())) {
                    continue;
                }
                Optional<String> text = context.read(sha, f.path());
                if (text.isEmpty()) {
                    continue;
                }
                for (ProvenanceDetector.TraceEvidence t : ProvenanceDetector.agentTrace(f.path(), text.get())) {
                    String target = commits.stream().filter(c -> !t.revision().isEmpty() && c.startsWith(t.revision().toLowerCase(java.util.Locale.ROOT)))
                            .findFirst().orElse(sha);
                    List<Evidence> list = out.computeIfAbsent(target, k -> new ArrayList<>());
                    if (!list.contains(t.evidence())) {
                        list.add(t.evidence());
                    }
                }
            }
        }
        return out;
    }

    /** Each changed head file's lines, with the verdict of the commit that last touched each. */
    private static Map<String, Boolean[]> attribute(ScanContext context, List<String> commits, Map<String, Boolean> verdict) {
        Map<String, Boolean[]> owners = new HashMap<>();
        Map<String, List<String>> lines = new HashMap<>();
        for (String sha : commits) {
            Boolean ai = verdict.get(sha);
            for (ChangedFile f : context.changesOf(sha)) {
                if (f.isDeleted()) {
                    owners.remove(f.path());
                    lines.remove(f.path());
                    continue;
                }
                List<String> before = lines.remove(f.previousPath());
                Boolean[] beforeOwners = owners.remove(f.previousPath());
                if (before == null) {
                    // first touched in this change: its earlier lines are the base's (no owner in this change)
                    before = context.read(context.base(), f.previousPath()).map(Texts::lines).orElse(List.of());
                    beforeOwners = new Boolean[before.size()];
                }
                List<String> after = context.read(sha, f.path()).map(Texts::lines).orElse(List.of());
                int[] match = LineDiff.match(before, after);
                Boolean[] now = new Boolean[after.size()];
                for (int i = 0; i < now.length; i++) {
                    boolean touched = f.changedLines().contains(i + 1) || match[i] < 0;
                    now[i] = touched ? ai : beforeOwners[match[i]];
                }
                lines.put(f.path(), after);
                owners.put(f.path(), now);
            }
        }
        return owners;
    }

    /**
     * Who wrote lines {@code from..to} of {@code path} at head: only the lines the change adds or modifies count;
     * none of them there means {@link AuthoredBy#UNKNOWN}.
     */
    public AuthoredBy authoredBy(String path, int from, int to) {
        ChangedFile f = changed.get(path);
        if (f == null || provenance.commits().isEmpty() || !f.changedLines().overlaps(from, to)) {
            return AuthoredBy.UNKNOWN;
        }
        if (uniform != null) {
            return uniform ? AuthoredBy.AI : AuthoredBy.HUMAN;
        }
        Boolean[] own = owners.get(path);
        if (own == null) {
            return AuthoredBy.UNKNOWN;
        }
        boolean ai = false;
        boolean human = false;
        int last = Math.min(to, own.length);
        for (int line = Math.max(1, from); line <= last; line++) {
            if (!f.changedLines().contains(line) || own[line - 1] == null) {
                continue;
            }
            ai |= own[line - 1];
            human |= !own[line - 1];
        }
        return ai && human ? AuthoredBy.MIXED : ai ? AuthoredBy.AI : human ? AuthoredBy.HUMAN : AuthoredBy.UNKNOWN;
    }

    /** The same provenance with every evidence detail passed through the scan's redactor. */
    public Provenance redacted(Redactor redactor) {
        List<CommitProvenance> commits = provenance.commits().stream().map(c -> new CommitProvenance(c.sha(), c.ai(),
                c.evidence().stream().map(e -> new Evidence(e.kind(), redactor.redact(e.tool()), redactor.redact(e.detail()))).toList()))
                .toList();
        return new Provenance(provenance.aiAuthored(), commits);
    }
}
