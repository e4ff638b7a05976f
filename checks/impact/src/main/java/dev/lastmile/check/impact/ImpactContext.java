package dev.lastmile.check.impact;

import dev.lastmile.check.impact.policy.ImpactPolicy;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.dbt.DbtScan;
import dev.lastmile.dbt.graph.ProjectGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What every impact rule reads: the scan, the dbt project at head and (in a pull request) at base, both read once per
 * scan and shared with the other checks through {@link DbtScan}, the change's files and the {@code impact:} policy.
 * {@link #memo} keeps what several rules derive from the same revision (the project's dependency graph) so each is
 * computed once per run.
 */
public final class ImpactContext {

    private final ScanContext scan;
    private final ImpactPolicy policy;
    private final Map<Object, Object> memo = new ConcurrentHashMap<>();
    private final Set<String> touched = new HashSet<>();

    public ImpactContext(ScanContext scan, ImpactPolicy policy) {
        this.scan = scan;
        this.policy = policy;
        for (ChangedFile f : scan.changedFiles()) {
            touched.add(f.path());
            touched.add(f.previousPath());
        }
    }

    public ScanContext scan() {
        return scan;
    }

    public ImpactPolicy policy() {
        return policy;
    }

    /** True in a pull request with a base revision: only then is there a change to judge against. */
    public boolean comparesRevisions() {
        return scan.mode() == ScanMode.PULL_REQUEST && scan.base() != null;
    }

    /** The dbt project at head. */
    public DbtScan.Revision head() {
        return DbtScan.head(scan);
    }

    /** The dbt project at base; empty outside a pull request. */
    public Optional<DbtScan.Revision> base() {
        return comparesRevisions() ? Optional.of(DbtScan.base(scan)) : Optional.empty();
    }

    /** Who uses which model at head ({@link ProjectGraph}, shared per scan). */
    public ProjectGraph headGraph() {
        return ProjectGraph.head(scan);
    }

    /** Who used which model at base; empty outside a pull request. */
    public Optional<ProjectGraph> baseGraph() {
        return comparesRevisions() ? Optional.of(ProjectGraph.base(scan)) : Optional.empty();
    }

    public List<ChangedFile> changedFiles() {
        return scan.changedFiles();
    }

    /** True when the change touched the file (at its head or its base path). */
    public boolean touched(String path) {
        return touched.contains(path);
    }

    public Optional<ChangedFile> changedFile(String path) {
        return scan.changedFile(path);
    }

    /** The files the check judged: the dbt project's models at head (none in a repository without one). */
    public int filesRead() {
        return head().project().modelFiles().size();
    }

    /** A value derived once per run and shared by the rules that need it. */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            Object prior = memo.putIfAbsent(key, v);
            if (prior != null) {
                v = prior;
            }
        }
        return (T) v;
    }
}
