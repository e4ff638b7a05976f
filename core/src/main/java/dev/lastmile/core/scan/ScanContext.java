package dev.lastmile.core.scan;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.util.Redactor;
import dev.lastmile.core.util.Texts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a check may know about one scan: which repository and revisions, which files changed and on which
 * lines, how to read any file at base or head, and the policy. Thread-safe; file reads are cached, so the checks run
 * in one process (the CLI) share them.
 */
public final class ScanContext {

    private final RepositorySource source;
    private final String repository;
    private final String base;
    private final String head;
    private final ScanMode mode;
    private final Integer pullRequest;
    private final List<ChangedFile> changedFiles;
    /** Every file of the change, before the policy's ignore globs (for checks that read every folder). */
    private final List<ChangedFile> allFiles;
    private final Map<String, ChangedFile> changedByPath;
    private final Policy policy;
    private final ProgressListener progress;
    private final Map<String, Optional<Read>> textCache;
    private volatile List<String> headFiles;
    /** Analyses checks share within this scan (see {@link #shared}); every per-check view holds the same one. */
    private final dev.lastmile.core.util.Memo<Object, Object> shared;
    private final Redactor redactor;
    /** Files this view read only in part or not as plain text, with why: the engine reports each one. */
    private final Map<String, String> notReadFully = new ConcurrentHashMap<>();
    /** One file's analysis budget ({@link #withinFileBudget}). */
    private final java.time.Duration fileBudget;
    /** Files whose analysis did not finish in this view (over budget, or an error the budget contained), with why. */
    private final Map<String, String> unfinished = new ConcurrentHashMap<>();
    /** Files this view is analysing right now ({@link #withinFileBudget}), to name when the check runs out of time. */
    private final Map<String, Boolean> inProgress = new ConcurrentHashMap<>();
    /** Set when the engine stops waiting for this view's check: its next file read throws. */
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /** One file read: its text (lone CRs as spaces) and why it is not the whole file as plain text, or null. */
    private record Read(String text, String note) {
    }

    private ScanContext(Builder b) {
        this.shared = new dev.lastmile.core.util.Memo<>();
        this.source = Objects.requireNonNull(b.source, "source");
        this.repository = b.repository != null ? b.repository : source.repository();
        this.base = b.base;
        this.head = Objects.requireNonNull(b.head, "head");
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.pullRequest = b.pullRequest;
        this.policy = b.policy != null ? b.policy : Policy.defaults();
        this.progress = b.progress != null ? b.progress : ProgressListener.NONE;
        this.changedFiles = List.copyOf(b.changedFiles);
        this.allFiles = b.allFiles == null ? changedFiles : List.copyOf(b.allFiles);
        Map<String, ChangedFile> byPath = new LinkedHashMap<>();
        for (ChangedFile f : changedFiles) {
            byPath.put(f.path(), f);
        }
        this.changedByPath = Map.copyOf(byPath);
        this.textCache = new ConcurrentHashMap<>();
        this.redactor = new Redactor();
        this.fileBudget = b.fileBudget != null ? b.fileBudget : Budgets.defaults().perFile();
    }

    /** A view for one check: the same scan, caches and redactor, with its own record of files not fully read. */
    private ScanContext(ScanContext shared, List<ChangedFile> files) {
        this.source = shared.source;
        this.repository = shared.repository;
        this.base = shared.base;
        this.head = shared.head;
        this.mode = shared.mode;
        this.pullRequest = shared.pullRequest;
        this.policy = shared.policy;
        this.progress = shared.progress;
        this.changedFiles = files;
        this.allFiles = shared.allFiles;
        Map<String, ChangedFile> byPath = new LinkedHashMap<>();
        for (ChangedFile f : files) {
            byPath.put(f.path(), f);
        }
        this.changedByPath = files == shared.changedFiles ? shared.changedByPath : Map.copyOf(byPath);
        this.textCache = shared.textCache;
        this.shared = shared.shared;
        this.redactor = shared.redactor;
        this.headFiles = shared.headFiles;
        this.fileBudget = shared.fileBudget;
    }

    /** The view one check runs on (see {@link #notReadFully()}). */
    public ScanContext forCheck() {
        return new ScanContext(this, changedFiles);
    }

    /**
     * The view of a check that reads every folder ({@link Check#readsEveryFolder()}): the change's files less only
     * those the policy's own {@code ignore:} names.
     */
    public ScanContext forCheckReadingEveryFolder() {
        return new ScanContext(this, allFiles.stream().filter(f -> !policy.isIgnoredExplicitly(f.path())).toList());
    }

    /**
     * The files at head this view read only in part (over the size limit) or not as plain text (binary-looking),
     * each with why, so nothing is skipped in silence.
     */
    public Map<String, String> notReadFully() {
        return Map.copyOf(notReadFully);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code owner/name}, or the local directory's name. */
    public String repository() {
        return repository;
    }

    /** The repository read, for what is not a file of the change (commit metadata: see ChangeProvenance). */
    public RepositorySource source() {
        return source;
    }

    /** The base commit id, or null for a full scan. */
    public String base() {
        return base;
    }

    /** The head commit id (or {@code WORKTREE}). */
    public String head() {
        return head;
    }

    public ScanMode mode() {
        return mode;
    }

    public Optional<Integer> pullRequest() {
        return Optional.ofNullable(pullRequest);
    }

    public Policy policy() {
        return policy;
    }

    public ProgressListener progress() {
        return progress;
    }

    /**
     * The scan's redaction layer. A check that finds a secret registers its value here (it is never stored
     * anywhere else); the engine masks it, URL user-info and quoted credentials in every check's findings and notes.
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * The files to judge: the change's files (deleted ones included, so a check can see them go), or every file at
     * head in a full scan. Paths the policy ignores are already left out.
     */
    public List<ChangedFile> changedFiles() {
        return changedFiles;
    }

    /** The changed files that still exist at head. */
    public List<ChangedFile> filesToScan() {
        return changedFiles.stream().filter(f -> !f.isDeleted()).toList();
    }

    public Optional<ChangedFile> changedFile(String path) {
        return Optional.ofNullable(changedByPath.get(path));
    }

    public boolean isChanged(String path) {
        return changedByPath.containsKey(path);
    }

    /** Every file path at head, ignored ones included (a check may need a macro under {@code dbt_packages/}). */
    public List<String> headFiles() {
        List<String> files = headFiles;
        if (files == null) {
            files = List.copyOf(source.files(head));
            headFiles = files;
        }
        return files;
    }

    /** A file's text at head; empty when absent (see {@link #read}). */
    public Optional<String> readHead(String path) {
        return read(head, path);
    }

    /** A file's text at base; empty when absent or in a full scan. */
    public Optional<String> readBase(String path) {
        return base == null ? Optional.empty() : read(base, path);
    }

    /**
     * A file's text at any revision the source knows; empty only when absent. Line breaks are git's: a lone
     * {@code \r} reads as a space (see {@link Texts#withGitLineBreaks}), so every check numbers lines as the diff does.
     * UTF-16/32 is decoded; binary-looking content is read with its control bytes blanked and a file over the
     * source's size limit as far as it was read; either is recorded in {@link #notReadFully()} for a head read.
     */
    public Optional<String> read(String revision, String path) {
        stopIfOverBudget();
        Optional<Read> r = textCache.computeIfAbsent(revision + "\u0000" + path, k -> load(revision, path));
        if (r.isPresent() && r.get().note() != null && revision.equals(head)) {
            notReadFully.putIfAbsent(path, r.get().note());
        }
        return r.map(Read::text);
    }

    private Optional<Read> load(String revision, String path) {
        return source.readContent(revision, path).map(content -> {
            Texts.Decoded d = Texts.decodeLeniently(content.bytes());
            String note = d.note();
            if (content.truncated()) {
                note = "only its first " + kib(content.bytes().length) + " of " + kib(content.size())
                        + " were read (the size limit)" + (note == null ? "" : "; " + note);
            }
            return new Read(Texts.withGitLineBreaks(d.text()), note);
        });
    }

    private static String kib(long bytes) {
        return bytes >= 1L << 20 ? String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : (bytes + 1023) / 1024 + " KiB";
    }

    /** The commits of the change, oldest first (empty in a full scan): a secret added then removed is still in them. */
    public List<String> commits() {
        return base == null ? List.of() : source.commits(base, head);
    }

    /** The files one commit changed against its parent. */
    public List<ChangedFile> changesOf(String commit) {
        return source.changesOf(commit);
    }

    /**
     * A value computed once per scan and shared by every check that asks for it with an equal {@code key} (a dbt
     * project's analysis at one revision, say), computed by the first caller; a caller asking while another computes
     * it waits for that result. The key should name the revision and every setting the value depends on.
     */
    public <T> T shared(Object key, Class<T> type, java.util.function.Supplier<T> compute) {
        return type.cast(shared.get(key, compute::get));
    }

    /**
     * Runs one file's analysis under the per-file budget ({@link Budgets#perFile()}, the policy's
     * {@code limits.file_seconds}). Work over the budget is told to stop and left behind; an error the analysis
     * itself cannot survive ({@link StackOverflowError}, {@link OutOfMemoryError} from its own allocations) ends it.
     * Either way the result is empty and the file is recorded in {@link #unfinished()}, which the engine turns into
     * LM004 and an incomplete note, so the check's other files stand. A {@link RuntimeException} is the check's to
     * handle as it does today and is rethrown.
     */
    public <T> Optional<T> withinFileBudget(String path, java.util.function.Supplier<T> analysis) {
        stopIfOverBudget();
        inProgress.put(path, Boolean.TRUE);
        try {
            Bounded.Outcome<T> outcome = Bounded.run(fileBudget, analysis);
            return switch (outcome) {
                case Bounded.Done<T> d -> Optional.ofNullable(d.value());
                case Bounded.OverBudget<T> o -> {
                    unfinished.putIfAbsent(path, "its analysis did not finish within "
                            + Budgets.describe(o.budget(), Budgets.SECTION + ".file_seconds"));
                    yield Optional.empty();
                }
                case Bounded.Failed<T> f when f.error() instanceof RuntimeException r && !(r instanceof Bounded.Stopped) ->
                        throw r;
                case Bounded.Failed<T> f -> {
                    if (f.error() instanceof Bounded.Stopped s) {
                        throw s; // the check itself is over its budget
                    }
                    if (f.error() instanceof InterruptedException || stopped.get()) {
                        throw new Bounded.Stopped(); // the engine stopped this check while it waited for the file
                    }
                    if (f.error() instanceof VirtualMachineError e && !(e instanceof StackOverflowError)
                            && !(e instanceof OutOfMemoryError)) {
                        throw e;
                    }
                    unfinished.putIfAbsent(path, "its analysis stopped early (" + f.reason() + ")");
                    yield Optional.empty();
                }
            };
        } finally {
            inProgress.remove(path);
        }
    }

    /** The files whose analysis in this view did not finish, each with why (see {@link #withinFileBudget}). */
    public Map<String, String> unfinished() {
        return Map.copyOf(unfinished);
    }

    /** The files being analysed in this view right now, in no particular order. */
    public java.util.Set<String> inProgress() {
        return java.util.Set.copyOf(inProgress.keySet());
    }

    /** Tells this view's check it is over its budget: its next file read or file analysis throws. */
    public void stop() {
        stopped.set(true);
    }

    private void stopIfOverBudget() {
        if (stopped.get()) {
            throw new Bounded.Stopped();
        }
        Bounded.stopIfOverBudget();
    }

    public static final class Builder {
        private RepositorySource source;
        private String repository;
        private String base;
        private String head;
        private ScanMode mode = ScanMode.PULL_REQUEST;
        private Integer pullRequest;
        private List<ChangedFile> changedFiles = List.of();
        private List<ChangedFile> allFiles;
        private Policy policy;
        private ProgressListener progress;
        private java.time.Duration fileBudget;

        /** One file's analysis budget (default {@link Budgets#defaults()}). */
        public Builder fileBudget(java.time.Duration fileBudget) {
            this.fileBudget = fileBudget;
            return this;
        }

        public Builder source(RepositorySource source) {
            this.source = source;
            return this;
        }

        public Builder repository(String repository) {
            this.repository = repository;
            return this;
        }

        public Builder base(String base) {
            this.base = base;
            return this;
        }

        public Builder head(String head) {
            this.head = head;
            return this;
        }

        public Builder mode(ScanMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder pullRequest(Integer pullRequest) {
            this.pullRequest = pullRequest;
            return this;
        }

        public Builder changedFiles(List<ChangedFile> changedFiles) {
            this.changedFiles = changedFiles;
            return this;
        }

        /** Every file of the change before the ignore globs (default: the changed files). */
        public Builder allFiles(List<ChangedFile> allFiles) {
            this.allFiles = allFiles;
            return this;
        }

        public Builder policy(Policy policy) {
            this.policy = policy;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public ScanContext build() {
            return new ScanContext(this);
        }
    }
}
