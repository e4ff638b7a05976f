package dev.lastmile.core.engine;

import dev.lastmile.core.Version;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.policy.AiPolicy;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.provenance.AiGate;
import dev.lastmile.core.provenance.AuthoredBy;
import dev.lastmile.core.provenance.ChangeProvenance;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.policy.RuleOverride;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ProgressListener;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.suppress.Suppression;
import dev.lastmile.core.suppress.Suppressions;
import dev.lastmile.core.util.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one way a scan runs, for the CLI and every Lambda function alike: resolve revisions, read the policy, list the
 * files to judge, run the checks, then apply the policy to their findings (disabled rules, severity overrides,
 * ignored paths, inline suppressions, new-versus-existing status, fingerprints).
 */
public final class ScanEngine {

    /** The finding property holding the line of the marker that suppressed it. */
    public static final String SUPPRESSION_LINE = "suppressionLine";
    /**
     * The finding property saying who wrote a suppression's marker line in this change ({@code ai} or {@code human});
     * absent when the marker predates the change. The audit trail records it.
     */
    public static final String SUPPRESSION_AUTHOR = "suppressionAuthor";


    /** Budgets to use instead of the policy's {@code limits:} (null: the policy's). */
    private final dev.lastmile.core.scan.Budgets budgets;
    /** When every check must have ended, so the caller can still store and report (null: no deadline). */
    private final Instant deadline;

    public ScanEngine() {
        this(null, null);
    }

    private ScanEngine(dev.lastmile.core.scan.Budgets budgets, Instant deadline) {
        this.budgets = budgets;
        this.deadline = deadline;
    }

    /** This engine with fixed budgets, whatever the policy's {@code limits:} say (tests, benchmarks). */
    public ScanEngine withBudgets(dev.lastmile.core.scan.Budgets budgets) {
        return new ScanEngine(budgets, deadline);
    }

    /**
     * This engine with a deadline: a check still running then is stopped and reported as not finished (LM004), so
     * a Lambda function stores and reports a "could not finish" result instead of timing out.
     */
    public ScanEngine withDeadline(Instant deadline) {
        return new ScanEngine(budgets, deadline);
    }

    /**
     * What to scan.
     *
     * @param source      the repository
     * @param base        base revision for a pull-request scan; ignored for a full scan
     * @param head        head revision
     * @param mode        pull request or full
     * @param pullRequest the pull request's number, when known
     * @param policy      a policy to use instead of the repository's own (null: read it from the repository)
     * @param checks      the checks asked for; those the policy's {@code checks:} leaves out do not run, unless
     *                    {@code checksAsGiven}
     * @param progress    progress callback
     * @param checksAsGiven run exactly {@code checks}, whatever the policy's {@code checks:} says (the CLI's
     *                    explicit {@code --checks})
     */
    public record Request(RepositorySource source, String base, String head, ScanMode mode, Integer pullRequest,
                          Policy policy, List<Check> checks, ProgressListener progress, boolean checksAsGiven) {
        public Request {
            checks = List.copyOf(checks);
            progress = progress == null ? ProgressListener.NONE : progress;
        }

        /** A request whose checks the policy's {@code checks:} narrows, as on every pull request. */
        public Request(RepositorySource source, String base, String head, ScanMode mode, Integer pullRequest,
                       Policy policy, List<Check> checks, ProgressListener progress) {
            this(source, base, head, mode, pullRequest, policy, checks, progress, false);
        }
    }

    public ScanResult scan(Request request) {
        RepositorySource source = request.source();
        String head = source.resolve(request.head());
        String base = request.mode() == ScanMode.FULL ? null : source.resolve(request.base());

        // A pull request is judged by the policy of its base, so it cannot switch off the checks that judge it.
        String policyRevision = base != null ? base : head;
        Policy policy = request.policy() != null ? request.policy() : loadPolicy(source, policyRevision).orElse(Policy.defaults());
        // The policy's checks: decides here, once, for the CLI and every check function alike.
        List<Check> enabled = new ArrayList<>();
        List<SkippedCheck> notEnabled = new ArrayList<>();
        for (Check c : request.checks()) {
            if (request.checksAsGiven() || policy.enabledChecks().map(s -> s.contains(c.name())).orElse(true)) {
                enabled.add(c);
            } else {
                notEnabled.add(new SkippedCheck(c.name(), c.checkRunName(), notEnabledReason(policy), Instant.now()));
            }
        }
        validate(policy, enabled);

        List<ChangedFile> files;
        boolean policyChanged = false;
        if (request.mode() == ScanMode.FULL) {
            files = source.files(head).stream().map(ChangedFile::whole).toList();
        } else {
            List<ChangedFile> all = source.changes(base, head);
            policyChanged = all.stream().anyMatch(f -> isPolicyFile(f.path()));
            files = all;
        }
        List<ChangedFile> judged = files.stream().filter(f -> !policy.isIgnored(f.path())).toList();

        ScanContext context = ScanContext.builder()
                .source(source).base(base).head(head).mode(request.mode()).pullRequest(request.pullRequest())
                .changedFiles(judged).allFiles(files).policy(policy).progress(request.progress())
                .fileBudget(budgetsFor(policy).perFile())
                .build();

        // who wrote the change, once per scan for every check: each commit's AI verdict, each changed line's author
        ChangeProvenance change = ChangeProvenance.compute(context, policy.ai().signatures());

        // once more now every check has finished: a value the credentials check found while another check ran
        List<CheckRun> runs = runAll(enabled, context).stream()
                .map(r -> withAuthorship(r, change, policy))
                .map(r -> Redaction.apply(r, context.redactor())).toList();
        Provenance provenance = change.redacted(context.redactor());
        AiGate gate = aiGate(policy, provenance).withChecksRun(enabled.stream().map(Check::name).toList());
        return new ScanResult(context.repository(), base, head, request.mode(), request.pullRequest(), policy,
                policyChanged, runs, Version.current(), notEnabled, provenance, gate);
    }

    /**
     * Each finding's {@code authoredBy}, and on AI-authored (or mixed) lines the stricter threshold of the policy's
     * {@code provenance.ai}: {@code fail_on}, or a stricter {@code paths} rule for the finding's path.
     */
    private static CheckRun withAuthorship(CheckRun run, ChangeProvenance change, Policy policy) {
        AiPolicy ai = policy.ai();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : run.findings()) {
            AuthoredBy who = change.authoredBy(f.path(), f.line(), f.endLine());
            Finding g = f.withAuthoredBy(who);
            String markerLine = f.properties().get(SUPPRESSION_LINE);
            if (markerLine != null) {
                // who wrote the suppression itself (the audit trail keeps it): known when this change wrote its line
                int line = Integer.parseInt(markerLine);
                AuthoredBy suppressedBy = change.authoredBy(f.path(), line, line);
                if (suppressedBy != AuthoredBy.UNKNOWN) {
                    g = g.withProperty(SUPPRESSION_AUTHOR, suppressedBy.id());
                }
            }
            if (ai.configured() && (who == AuthoredBy.AI || who == AuthoredBy.MIXED)) {
                Severity threshold = ai.failOn() == null ? policy.failOn() : ai.failOn();
                String why = "provenance.ai.fail_on";
                Optional<AiPolicy.PathRule> rule = ai.pathRule(f.path());
                if (rule.isPresent() && rule.get().failOn().compareTo(threshold) < 0) {
                    threshold = rule.get().failOn();
                    why = "provenance.ai.paths[" + rule.get().glob() + "]";
                }
                if (threshold.compareTo(policy.failOn()) < 0) {
                    g = g.withProperty(Finding.AI_FAIL_ON, threshold.id()).withProperty(Finding.AI_GATE, why);
                }
            }
            findings.add(g);
        }
        return new CheckRun(run.check(), run.checkRunName(), run.rules(), findings, run.filesScanned(),
                run.incomplete(), run.startedAt(), run.durationMs());
    }

    /** Whether {@code provenance.ai} applies to this change, and its rules in words. */
    static AiGate aiGate(Policy policy, Provenance provenance) {
        AiPolicy ai = policy.ai();
        if (!ai.configured()) {
            return AiGate.off();
        }
        Severity failOn = ai.failOn() == null ? policy.failOn() : ai.failOn();
        if (!provenance.aiAuthored()) {
            return new AiGate(true, false, failOn, List.of(), ai.requireChecks(), List.of(), ai.requireHumanApprovals());
        }
        List<String> reasons = new ArrayList<>();
        long aiCommits = provenance.commits().stream().filter(dev.lastmile.core.provenance.CommitProvenance::ai).count();
        java.util.Set<String> tools = new java.util.TreeSet<>();
        provenance.commits().forEach(c -> c.evidence().forEach(e -> {
            if (!e.tool().isEmpty()) {
                tools.add(e.tool());
            }
        }));
        reasons.add(aiCommits + " of " + provenance.commits().size() + " commits AI-authored"
                + (tools.isEmpty() ? "" : " (" + String.join(", ", tools) + ")"));
        reasons.add("findings on AI-authored lines fail at " + failOn.id() + " and above (fail_on)");
        for (AiPolicy.PathRule r : ai.paths()) {
            reasons.add("under " + r.glob() + " at " + r.failOn().id() + " and above (paths)");
        }
        if (!ai.requireChecks().isEmpty()) {
            reasons.add("checks required: " + String.join(", ", ai.requireChecks()) + " (require_checks)");
        }
        if (ai.requireHumanApprovals() > 0) {
            reasons.add(ai.requireHumanApprovals() + " approving review(s) by people other than the author required"
                    + " (require_human_approvals; evaluated by the GitHub App, not by a local scan)");
        }
        return new AiGate(true, true, failOn, reasons, ai.requireChecks(), List.of(), ai.requireHumanApprovals());
    }

    private static String notEnabledReason(Policy policy) {
        List<String> on = policy.enabledChecks().map(s -> s.stream().sorted().toList()).orElse(List.of());
        return "Not enabled by the policy: " + policy.source() + " has checks: [" + String.join(", ", on) + "]";
    }

    public static boolean isPolicyFile(String path) {
        return path.equals(PolicyLoader.FILE_NAME) || path.equals(PolicyLoader.ALT_FILE_NAME);
    }

    /** Reads the policy file at a revision; empty when there is none. Throws {@link PolicyException} when broken. */
    public static Optional<Policy> loadPolicy(RepositorySource source, String revision) {
        for (String name : List.of(PolicyLoader.FILE_NAME, PolicyLoader.ALT_FILE_NAME)) {
            Optional<byte[]> bytes = source.read(revision, name);
            if (bytes.isPresent()) {
                String text = Texts.decode(bytes.get())
                        .orElseThrow(() -> new PolicyException(name, 0, "", "the policy file is not text"));
                return Optional.of(PolicyLoader.parse(name, text));
            }
        }
        return Optional.empty();
    }

    /** Checks every family section and every rule override against the checks that will run. */
    public static void validate(Policy policy, List<Check> checks) {
        dev.lastmile.core.scan.Budgets.from(policy); // limits: read here so a bad value fails before any file
        for (Check c : checks) {
            c.validatePolicy(policy);
        }
        List<RuleMeta> known = new ArrayList<>(CoreRules.all());
        checks.forEach(c -> known.addAll(c.rules()));
        Set<String> prefixes = new HashSet<>();
        for (RuleMeta r : known) {
            prefixes.add(r.id().replaceAll("[0-9]+$", ""));
            prefixes.add(r.name().substring(0, r.name().indexOf('.')));
        }
        for (RuleOverride o : policy.ruleOverrides()) {
            boolean named = known.stream().anyMatch(r -> r.isNamedBy(o.ref()));
            String ref = o.ref();
            String prefix = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref.toUpperCase(java.util.Locale.ROOT).replaceAll("[0-9]+$", "");
            // Only rules of the checks present here can be judged unknown: a Lambda function carries one check.
            if (!named && prefixes.contains(prefix)) {
                throw o.node().error("no rule is called '" + ref + "'");
            }
        }
    }

    private List<CheckRun> runAll(List<Check> checks, ScanContext context) {
        if (checks.size() <= 1) {
            return checks.stream().map(c -> runCheck(c, context)).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(checks.size(), 4), r -> {
            Thread t = new Thread(r, "lastmile-check");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<CheckRun>> futures = checks.stream().map(c -> pool.submit(() -> runCheck(c, context))).toList();
            List<CheckRun> runs = new ArrayList<>();
            for (Future<CheckRun> f : futures) {
                try {
                    runs.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return runs;
        }
    }

    /**
     * Runs one check and applies the policy to its findings. A check that throws yields an informational finding
     * (LM002); a check over its time budget is stopped and yields LM004 naming the budget and the files it was on;
     * either way the other checks' results stand.
     */
    public CheckRun runCheck(Check check, ScanContext context) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        CheckResult result;
        ScanContext view = check.readsEveryFolder() ? context.forCheckReadingEveryFolder() : context.forCheck();
        java.time.Duration budget = budgetsFor(context.policy()).perCheck();
        String budgetName = dev.lastmile.core.scan.Budgets.describe(budget, dev.lastmile.core.scan.Budgets.SECTION + ".check_seconds");
        if (deadline != null && Duration.between(Instant.now(), deadline).compareTo(budget) < 0) {
            budget = Duration.between(Instant.now(), deadline);
            budgetName = Math.max(0, budget.toSeconds()) + " s (the time the function had left)";
        }
        dev.lastmile.core.scan.Bounded.Outcome<CheckResult> outcome =
                dev.lastmile.core.scan.Bounded.run(budget, () -> check.run(view));
        switch (outcome) {
            case dev.lastmile.core.scan.Bounded.Done<CheckResult> d -> result = d.value();
            case dev.lastmile.core.scan.Bounded.OverBudget<CheckResult> o -> {
                view.stop();
                List<String> on = view.inProgress().stream().sorted().toList();
                String where = on.isEmpty() ? "" : "; it was analysing " + String.join(", ", on);
                Finding over = Finding.of(CoreRules.ANALYSIS_UNFINISHED, on.isEmpty() ? PolicyLoader.FILE_NAME : on.getFirst(),
                        Region.file(), "The " + check.name() + " check did not finish within " + budgetName + where
                                + "; none of its findings are reported.");
                result = new CheckResult(List.of(over), 0, List.of("check did not finish within " + budgetName + where));
            }
            case dev.lastmile.core.scan.Bounded.Failed<CheckResult> f -> {
                if (f.error() instanceof VirtualMachineError e && !(e instanceof StackOverflowError)
                        && !(e instanceof OutOfMemoryError)) {
                    throw e; // an internal JVM error: the process is in no state to go on
                }
                // StackOverflowError, OutOfMemoryError from the check's own allocations (freed as it unwound), a
                // LinkageError from a check's static setup: one check's failure, not the scan's end
                String reason = f.reason();
                Finding failed = Finding.of(CoreRules.CHECK_FAILED, PolicyLoader.FILE_NAME, Region.file(),
                        "The " + check.name() + " check stopped early: " + reason);
                result = new CheckResult(List.of(failed), 0, List.of("check failed: " + reason));
            }
        }
        result = withUnfinishedFiles(withFilesNotFullyRead(result, view), view);
        List<Finding> findings = applyPolicy(check, context, result.findings());
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        List<RuleMeta> rules = new ArrayList<>(check.rules());
        rules.addAll(CoreRules.all());
        // nothing a check says leaves it unredacted, whichever family it is (see docs/security.md)
        return Redaction.apply(new CheckRun(check.name(), check.checkRunName(), rules, findings, result.filesScanned(),
                result.incomplete(), start, ms), context.redactor());
    }

    private dev.lastmile.core.scan.Budgets budgetsFor(Policy policy) {
        return budgets != null ? budgets : dev.lastmile.core.scan.Budgets.from(policy);
    }

    /** One LM004 and one note per file whose analysis did not finish within its budget (or was ended by an error). */
    private static CheckResult withUnfinishedFiles(CheckResult result, ScanContext view) {
        return withFileNotes(result, view.unfinished(), CoreRules.ANALYSIS_UNFINISHED,
                (path, why) -> path + " was not fully analysed: " + why + "; this check's findings in it may be missing",
                (path, why) -> path + ": not fully analysed (" + why + ")");
    }

    /** Nothing skipped in silence: one informational finding and one note per file the check read only in part. */
    private static CheckResult withFilesNotFullyRead(CheckResult result, ScanContext view) {
        return withFileNotes(result, view.notReadFully(), CoreRules.FILE_NOT_FULLY_READ,
                (path, why) -> path + " was not fully read: " + why, (path, why) -> path + ": not fully read (" + why + ")");
    }

    /** The result with one finding of {@code rule} and one incomplete note per file of {@code whyByPath}, by path. */
    private static CheckResult withFileNotes(CheckResult result, Map<String, String> whyByPath, RuleMeta rule,
                                             java.util.function.BinaryOperator<String> message,
                                             java.util.function.BinaryOperator<String> note) {
        if (whyByPath.isEmpty()) {
            return result;
        }
        List<Finding> findings = new ArrayList<>(result.findings());
        List<String> incomplete = new ArrayList<>(result.incomplete());
        new java.util.TreeMap<>(whyByPath).forEach((path, why) -> {
            findings.add(Finding.of(rule, path, Region.file(), message.apply(path, why)));
            incomplete.add(note.apply(path, why));
        });
        return new CheckResult(findings, result.filesScanned(), incomplete);
    }

    private List<Finding> applyPolicy(Check check, ScanContext context, List<Finding> raw) {
        Policy policy = context.policy();
        Map<String, RuleMeta> rulesById = new java.util.HashMap<>();
        check.rules().forEach(r -> rulesById.put(r.id(), r));
        CoreRules.all().forEach(r -> rulesById.put(r.id(), r));

        Map<String, List<String>> linesCache = new ConcurrentHashMap<>();
        java.util.function.Function<String, List<String>> linesOf = path -> linesCache.computeIfAbsent(path,
                p -> context.readHead(p).map(Texts::lines).orElse(List.of()));
        Map<String, List<Suppression>> suppressionsCache = new ConcurrentHashMap<>();

        List<Finding> out = new ArrayList<>();
        Set<String> reportedReasonless = new HashSet<>();
        for (Finding f : raw) {
            RuleMeta rule = rulesById.get(f.ruleId());
            if (rule != null && !policy.isEnabled(rule)) {
                continue;
            }
            if (check.readsEveryFolder() ? policy.isIgnoredExplicitly(f.path()) : policy.isIgnored(f.path())) {
                continue;
            }
            Finding g = f.withCheck(check.name());
            // a check may grade a finding itself (a CVSS score); only an explicit policy override replaces that
            Severity override = rule == null ? null : policy.overrideFor(rule).map(RuleOverride::severity).orElse(null);
            if (override != null) {
                g = g.withSeverity(override);
            }
            if (g.status() == null) {
                g = g.withStatus(statusOf(g, context));
            }
            List<Suppression> sups = suppressionsCache.computeIfAbsent(g.path(),
                    p -> context.readHead(p).map(Suppressions::parse).orElse(List.of()));
            Optional<Suppression> match = matching(sups, g, rule);
            if (match.isPresent()) {
                Suppression s = match.get();
                if (s.hasReason()) {
                    g = g.withStatus(FindingStatus.SUPPRESSED).withProperty("suppressionReason", s.reason())
                            .withProperty(SUPPRESSION_LINE, String.valueOf(s.line()));
                } else if (reportedReasonless.add(g.path() + ":" + s.line())) {
                    String what = s.marker().equals("lastmile:allow") ? "lastmile:allow"
                            : s.marker() + " " + String.join(" ", s.rules());
                    Finding lm = Finding.of(CoreRules.SUPPRESSION_WITHOUT_REASON, g.path(), Region.line(s.line()),
                            what + " has no reason after '--', so it silences nothing.")
                            .withCheck(check.name()).withSeverity(policy.severityOf(CoreRules.SUPPRESSION_WITHOUT_REASON));
                    out.add(lm.withStatus(statusOf(lm, context)));
                }
            }
            out.add(g);
        }
        out.sort(Comparator.comparing(Finding::path).thenComparingInt(Finding::line).thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return Fingerprints.assign(out, Fingerprints.LineLookup.of(linesOf));
    }

    private static Optional<Suppression> matching(List<Suppression> sups, Finding f, RuleMeta rule) {
        for (Suppression s : sups) {
            if (!s.wholeFile() && s.appliesTo() != f.line() && s.line() != f.line()) {
                continue;
            }
            for (String ref : s.rules()) {
                if (ref.equalsIgnoreCase(f.ruleId()) || (rule != null && rule.isNamedBy(ref))
                        || (ref.equals(Suppression.CREDENTIALS) && f.category() == dev.lastmile.core.model.Category.CREDENTIALS)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static FindingStatus statusOf(Finding f, ScanContext context) {
        if (context.mode() == ScanMode.FULL) {
            return FindingStatus.EXISTING;
        }
        return context.changedFile(f.path())
                .filter(c -> c.changedLines().overlaps(f.line(), f.endLine()))
                .map(c -> FindingStatus.NEW)
                .orElse(FindingStatus.EXISTING);
    }
}
