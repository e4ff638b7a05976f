package dev.lastmile.functions.reporter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.aws.sqs.ReportRequest;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.RunDocument;
import dev.lastmile.core.store.StoreKeys;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.github.CheckRuns;
import dev.lastmile.github.GitHubApi;
import dev.lastmile.github.PullRequestComments;
import dev.lastmile.github.PullRequestReviews;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Provenance;
import dev.lastmile.core.store.AuditRecord;
import dev.lastmile.core.store.AuditTrail;
import java.util.function.Function;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reports one stored check run to the pull request:
 * <ul>
 *   <li>completes the family's check run (created if missing): conclusion from the policy threshold ({@code failure}
 *       when a finding fails, {@code neutral} when the check could not judge everything, else {@code success}),
 *       annotations on the changed lines 50 a request, texts within 65,535 characters, a re-run button;</li>
 *   <li>for a pull request, brings the one summary comment up to date with every run of the job stored so far, and
 *       names the families still running. A report of an older head than the comment shows is not applied, so a
 *       late message never overwrites a newer summary.</li>
 * </ul>
 * Reports of one pull request arrive one at a time (FIFO queue grouped by pull request), so the comment's
 * find-then-update never races with itself.
 */
public final class ReporterService {

    /** More annotations than this help nobody and cost GitHub's rate limit: the summary lists the rest. */
    static final int MAX_ANNOTATIONS = 500;
    static final String RERUN = "rerun";
    /**
     * The job marker lastmile appends as the very end of its comment: only that one counts, so a file name or other
     * text quoted earlier in the body that carries a marker of its own decides nothing.
     */
    private static final Pattern JOB_MARKER = Pattern.compile("<!-- lastmile:job created=(\\S+) head=([0-9a-f]+) -->\\s*\\z");

    /** What one report did, for logs and tests. */
    public record Outcome(String conclusion, int checkRunRequests, PullRequestComments.Result comment) {
    }

    /** The check run of the stricter gate for AI-assisted changes (docs/provenance.md). */
    public static final String AI_GATE_CHECK_RUN = "lastmile/ai-gate";

    /**
     * What the reporter knows of a head beyond its findings: the change's AI provenance, the hash of the policy that
     * judged it, and the policy's {@code provenance.ai} settings. Detection and the policy are the provenance work's;
     * the reporter reads them from the head's run documents through the function it is built with.
     *
     * @param provenance        the change's provenance ({@link Provenance#unknown()} when not detected)
     * @param policyHash        {@code sha256:…} of the base's policy file, or null
     * @param aiFailOn          {@code provenance.ai.fail_on}, or null when the policy sets none
     * @param requiredApprovals {@code provenance.ai.require_human_approvals}; 0 when none
     */
    public record HeadFacts(Provenance provenance, String policyHash, Severity aiFailOn, int requiredApprovals) {
        public static final HeadFacts NONE = new HeadFacts(Provenance.unknown(), null, null, 0);

        public HeadFacts {
            provenance = provenance == null ? Provenance.unknown() : provenance;
        }

        /**
         * The head's facts as its run documents tell them: every check's document of a job carries the same
         * provenance, AI policy and policy hash (the scan's), so the first one answers; none gives {@link #NONE}.
         */
        public static HeadFacts of(List<RunDocument> docs) {
            if (docs.isEmpty()) {
                return NONE;
            }
            RunDocument d = docs.getFirst();
            dev.lastmile.core.provenance.AiGate gate = d.aiGate();
            return new HeadFacts(d.provenance(), d.policyHash(), gate.configured() ? gate.failOn() : null,
                    gate.configured() ? gate.requiredHumanApprovals() : 0);
        }

        /** Whether the stricter gate applies: an AI-authored change under a policy that asks for one. */
        public boolean stricterGate() {
            return provenance.aiAuthored() && (aiFailOn != null || requiredApprovals > 0);
        }
    }

    private final FindingsStore store;
    private final LongFunction<GitHubApi> github;
    private final Clock clock;
    private final Function<List<RunDocument>, HeadFacts> facts;
    private final AuditTrail audit;

    public ReporterService(FindingsStore store, LongFunction<GitHubApi> github, Clock clock) {
        this(store, github, clock, HeadFacts::of, null);
    }

    /**
     * @param facts          the head's provenance and AI policy, from its stored run documents
     * @param auditRetention how long each audit record is locked (S3 Object Lock); null for no lock
     */
    public ReporterService(FindingsStore store, LongFunction<GitHubApi> github, Clock clock,
                           Function<List<RunDocument>, HeadFacts> facts, java.time.Duration auditRetention) {
        this.store = store;
        this.github = github;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.facts = facts;
        this.audit = new AuditTrail(store.objects(), auditRetention);
    }

    /**
     * Runs the report rendering once on a sample run (no store, no GitHub), so SnapStart's snapshot holds its classes
     * loaded. Best effort.
     */
    public static void prime() {
        try {
            dev.lastmile.core.model.RuleMeta rule = new dev.lastmile.core.model.RuleMeta("LM900", "priming.sample",
                    dev.lastmile.core.model.Category.SQL_HYGIENE, Severity.HIGH, "Sample", "Sample.", "None.");
            dev.lastmile.core.scan.Check check = new dev.lastmile.core.scan.Check() {
                @Override
                public String name() {
                    return "priming";
                }

                @Override
                public List<dev.lastmile.core.model.RuleMeta> rules() {
                    return List.of(rule);
                }

                @Override
                public dev.lastmile.core.scan.CheckResult run(dev.lastmile.core.scan.ScanContext context) {
                    return new dev.lastmile.core.scan.CheckResult(List.of(Finding.of(rule, "models/orders.sql",
                            dev.lastmile.core.model.Region.line(2), "sample")), 1);
                }
            };
            dev.lastmile.core.engine.ScanResult result = new dev.lastmile.core.engine.ScanEngine().scan(
                    new dev.lastmile.core.engine.ScanEngine.Request(dev.lastmile.functions.common.Priming.sampleRepository(),
                            "0000000000000000000000000000000000000001", "0000000000000000000000000000000000000002",
                            ScanMode.PULL_REQUEST, 1, null, List.of(check), null));
            RunDocument run = RunDocument.parse(RunDocument.of("priming", result, result.runs().getFirst()).toJson());
            annotations(run);
            MarkdownSummary.render(new MarkdownSummary.Input(List.of(run.run()), run.failOn(), run.mode(), run.policySource(),
                    run.policyChanged(), "https://github.com/lastmile/priming/blob/x/", MarkdownSummary.GITHUB_LIMIT));
            isNewer("<!-- lastmile:job created=2026-01-01T00:00:00Z head=abc -->", null);
        } catch (RuntimeException | LinkageError e) {
            // the first real report loads what priming could not
        }
    }

    /** The key under which a check that could not run leaves its reason, beside the run documents. */
    static String errorKey(ScanJob job, String check) {
        return StoreKeys.checkError(job.repository(), job.jobId(), check);
    }

    public Outcome report(ReportRequest r) {
        if (r.isReview()) {
            return review(r);
        }
        ScanJob job = r.job();
        Optional<RunDocument> stored = Optional.empty();
        String error = r.error();
        if (error == null) {
            stored = store.readRun(r.runDocumentKey());
            if (stored.isEmpty()) {
                // the check function writes the document before it reports: its absence is a fault, retry
                throw new IllegalStateException("run document " + r.runDocumentKey() + " is not in the store");
            }
        } else {
            store.objects().put(errorKey(job, r.check()), error.getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        if (job.installationId() == null) {
            return new Outcome(conclusion(stored), 0, null); // a local job: nothing to tell GitHub
        }
        GitHubApi api = github.apply(job.installationId());
        int requests = completeCheckRun(api, job, r, stored, error);
        if (job.pullRequest() == null) {
            return new Outcome(conclusion(stored), requests, null);
        }
        JobState state = collect(job);
        PullRequestComments.Result comment = updateSummary(api, job, state);
        if (state.complete()) {
            // every family of the head has reported: the gate is decided and the event goes into the audit trail
            HeadFacts head = facts.apply(List.copyOf(state.latest().values()));
            List<PullRequestReviews.Approval> approvals = approvals(api, job, head, false);
            requests += gate(api, job, head, approvals);
            RunDocument last = state.latest().values().stream().max(Comparator.comparing(d -> finishedAt(d))).orElse(null);
            // deterministic instant and id: a retried report finds the record written and appends nothing
            Instant at = last == null ? clock.instant() : finishedAt(last);
            appendAudit(AuditRecord.Event.CHECKS_COMPLETED, last == null ? job.jobId() : last.jobId(), at, job, state,
                    head, approvals);
        }
        return new Outcome(conclusion(stored), requests, comment);
    }

    /**
     * A review was submitted or dismissed: the gate is evaluated again from the stored runs (no rescan), and the event
     * goes into the audit trail. The summary comment is left as it is.
     */
    private Outcome review(ReportRequest r) {
        ScanJob job = r.job();
        if (job.installationId() == null || job.pullRequest() == null) {
            return new Outcome("skipped", 0, null);
        }
        JobState state = collect(job);
        HeadFacts head = facts.apply(List.copyOf(state.latest().values()));
        GitHubApi api = github.apply(job.installationId());
        List<PullRequestReviews.Approval> approvals = approvals(api, job, head, true);
        int requests = gate(api, job, head, approvals);
        appendAudit(AuditRecord.Event.REVIEW, r.reviewDelivery(), clock.instant(), job, state, head, approvals);
        return new Outcome(head.stricterGate() ? gateConclusion(head, approvals) : "skipped", requests, null);
    }

    private static Instant finishedAt(RunDocument d) {
        return d.run().startedAt().plusMillis(d.run().durationMs());
    }

    /**
     * Approvals by people other than the author. Read when the stricter gate requires some, and on every review event
     * (whose audit record lists them); otherwise none are read, and the record's approvals are empty with none required.
     */
    private List<PullRequestReviews.Approval> approvals(GitHubApi api, ScanJob job, HeadFacts head, boolean always) {
        if (!always && !(head.stricterGate() && head.requiredApprovals() > 0)) {
            return List.of();
        }
        PullRequestReviews reviews = new PullRequestReviews(api, job.repository());
        return reviews.approvals(job.pullRequest(), reviews.author(job.pullRequest()));
    }

    private static String gateConclusion(HeadFacts head, List<PullRequestReviews.Approval> approvals) {
        return approvals.size() >= head.requiredApprovals() ? "success" : "failure";
    }

    /**
     * Publishes {@value #AI_GATE_CHECK_RUN} when the stricter gate applies: it says that it applied and why, and fails
     * while fewer human approvals than required are given. Its words are about the change, never about a person.
     */
    private int gate(GitHubApi api, ScanJob job, HeadFacts head, List<PullRequestReviews.Approval> approvals) {
        if (!head.stricterGate()) {
            return 0;
        }
        String conclusion = gateConclusion(head, approvals);
        String title = gateTitle(head, approvals.size());
        StringBuilder summary = new StringBuilder("**").append(title).append("**\n\n")
                .append("At least one commit of this change carries evidence of an AI assistant or agent, so the ")
                .append("organisation's policy for AI-assisted changes (`provenance.ai` in the base's policy) applies:\n");
        if (head.aiFailOn() != null) {
            summary.append("\n- findings on AI-authored lines fail from `").append(head.aiFailOn().id())
                    .append("` up (the family check runs apply this threshold);");
        }
        if (head.requiredApprovals() > 0) {
            summary.append("\n- ").append(head.requiredApprovals()).append(" approving review")
                    .append(head.requiredApprovals() == 1 ? "" : "s")
                    .append(" from people other than the pull request's author are required; ").append(approvals.size())
                    .append(approvals.size() == 1 ? " is" : " are").append(" given. Bots do not count.");
        }
        summary.append("\n\n| Commit | Evidence |\n|---|---|\n");
        for (CommitProvenance c : head.provenance().commits()) {
            if (!c.ai()) {
                continue;
            }
            String evidence = c.evidence().stream().map(e -> e.kind().id() + (e.tool().isEmpty() ? "" : ": " + e.tool()))
                    .distinct().collect(java.util.stream.Collectors.joining(", "));
            summary.append("| `").append(c.sha(), 0, Math.min(12, c.sha().length())).append("` | ")
                    .append(plainText(evidence)).append(" |\n");
        }
        summary.append("\nThis describes how the change was made, not who made it; see docs/provenance.md.");
        return new CheckRuns(api, job.repository()).publish(job.head(), AI_GATE_CHECK_RUN, job.jobId(), conclusion, title,
                summary.toString(), null, List.of(), List.of(), clock.instant()).requests();
    }

    /** {@code AI-assisted change: stricter policy applied (fail_on medium, 2 human approvals required, 1 given)}. */
    static String gateTitle(HeadFacts head, int given) {
        List<String> parts = new ArrayList<>();
        if (head.aiFailOn() != null) {
            parts.add("fail_on " + head.aiFailOn().id());
        }
        if (head.requiredApprovals() > 0) {
            parts.add(head.requiredApprovals() + " human approval" + (head.requiredApprovals() == 1 ? "" : "s")
                    + " required, " + given + " given");
        }
        return "AI-assisted change: stricter policy applied (" + String.join(", ", parts) + ")";
    }

    /** Appends the event to the audit trail; a record already there for the same event is left as it is. */
    private void appendAudit(AuditRecord.Event event, String eventId, Instant at, ScanJob job, JobState state,
                             HeadFacts head, List<PullRequestReviews.Approval> approvals) {
        List<AuditRecord.CheckEntry> checks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String policySource = null;
        for (RunDocument d : state.latest().values()) {
            policySource = d.policySource();
            checks.add(new AuditRecord.CheckEntry(d.check(), d.jobId(), conclusion(Optional.of(d)), d.failOn().id(),
                    d.run().findings().size(), d.failing().size(), !d.run().incomplete().isEmpty()));
            findings.addAll(d.run().findings());
        }
        for (String check : state.errors().keySet()) {
            if (!state.latest().containsKey(check)) {
                checks.add(new AuditRecord.CheckEntry(check, job.jobId(), "error", null, 0, 0, true));
            }
        }
        String gate = head.stricterGate() ? gateTitle(head, approvals.size()) : null;
        audit.append(new AuditRecord(job.repository(), job.pullRequest(), event, eventId, at, job.head(), job.base(),
                head.provenance(), head.policyHash(), policySource, gate, checks,
                AuditRecord.findingEntries(findings, AuditRecord::authoredByProperty),
                AuditRecord.suppressionEntries(findings),
                new AuditRecord.Approvals(head.requiredApprovals(), approvals.stream()
                        .map(a -> new AuditRecord.Approval(a.login(), a.submittedAt())).toList()), null));
    }

    private static String conclusion(Optional<RunDocument> stored) {
        if (stored.isEmpty()) {
            return "failure";
        }
        if (stored.get().isNotEnabled()) {
            return "skipped"; // the policy's checks: leaves the family out; GitHub counts skipped as not failing
        }
        if (!stored.get().failing().isEmpty()) {
            return "failure";
        }
        return stored.get().run().incomplete().isEmpty() ? "success" : "neutral";
    }

    private int completeCheckRun(GitHubApi api, ScanJob job, ReportRequest r, Optional<RunDocument> stored,
                                 String error) {
        CheckRuns runs = new CheckRuns(api, job.repository());
        List<CheckRuns.Action> actions = List.of(new CheckRuns.Action("Re-run", "Run this lastmile check again", RERUN));
        if (stored.isEmpty()) {
            return runs.publish(job.head(), r.checkRunName(), job.jobId(), "failure", "lastmile could not run this check",
                    "**" + r.checkRunName() + " could not run.**\n\n" + error, null, List.of(), actions, clock.instant()).requests();
        }
        RunDocument s = stored.get();
        if (s.isNotEnabled()) {
            return runs.publish(job.head(), r.checkRunName(), job.jobId(), "skipped", "Not enabled by the policy",
                    "**" + r.checkRunName() + " did not run.** " + s.notEnabled() + ".", null, List.of(), actions,
                    clock.instant()).requests();
        }
        List<Finding> failing = s.failing();
        String conclusion = conclusion(stored);
        String title = !failing.isEmpty() ? failing.size() + (failing.size() == 1 ? " finding fails" : " findings fail")
                : !s.run().incomplete().isEmpty() ? "Passed, but not everything could be checked"
                : "No findings at or above " + s.failOn().id();
        String summary = MarkdownSummary.render(new MarkdownSummary.Input(List.of(s.run()), s.failOn(), s.mode(),
                s.policySource(), s.policyChanged(), linkBase(job), MarkdownSummary.GITHUB_LIMIT));
        List<CheckRuns.Annotation> annotations = annotations(s);
        String text = null;
        // a full scan's findings all exist already: one request's worth of annotations, the summary lists the rest,
        // so a nightly scan of many repositories stays within GitHub's content-creation limits (80 a minute)
        int max = s.mode() == ScanMode.FULL ? CheckRuns.ANNOTATIONS_PER_REQUEST : MAX_ANNOTATIONS;
        if (annotations.size() > max) {
            text = "Showing " + max + " of " + annotations.size() + " annotations; the summary lists every finding.";
            annotations = annotations.subList(0, max);
        }
        // coverage notices are not annotations (they describe lastmile, not a line of the change): their list is here
        String coverage = MarkdownSummary.coverageList(s.run(), linkBase(job), MarkdownSummary.GITHUB_LIMIT - 200);
        if (!coverage.isEmpty()) {
            text = text == null ? coverage : text + "\n\n" + coverage;
        }
        return runs.publish(job.head(), r.checkRunName(), job.jobId(), conclusion, title, summary, text, annotations,
                actions, clock.instant()).requests();
    }

    /**
     * Unsuppressed findings; in a pull request only those on lines it changed (status new). Coverage notices are left
     * out: the run's details list them.
     */
    static List<CheckRuns.Annotation> annotations(RunDocument s) {
        List<CheckRuns.Annotation> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(s.run().findings());
        findings.sort(Comparator.comparing((Finding f) -> f.severity()).reversed().thenComparing(Finding::path).thenComparingInt(Finding::line));
        for (Finding f : findings) {
            if (f.status() == FindingStatus.SUPPRESSED || f.isCoverageNotice()
                    || (s.mode() == ScanMode.PULL_REQUEST && f.status() != FindingStatus.NEW)) {
                continue;
            }
            String level = f.severity().atLeast(f.failOn(s.failOn())) ? "failure" : f.severity().atLeast(Severity.MEDIUM) ? "warning" : "notice";
            String message = f.message() + (f.remediation().isEmpty() ? "" : "\n\n" + f.remediation());
            out.add(new CheckRuns.Annotation(f.path(), f.line(), f.endLine(), level, f.ruleId() + " " + f.title(), message));
        }
        return out;
    }

    /**
     * What is stored of a head's job and its re-runs: per check the run that started last, the checks that could not
     * run, and the families the job went to.
     */
    record JobState(java.util.Map<String, RunDocument> latest, java.util.Map<String, String> errors,
                    java.util.Set<String> expected) {
        /** Every family the job went to has a run document or an error. */
        boolean complete() {
            return expected.stream().allMatch(c -> latest.containsKey(c) || errors.containsKey(c));
        }
    }

    private JobState collect(ScanJob job) {
        // The summary covers the head's original job and every re-run of one of its checks: per check, the run that
        // started last wins, so a re-run of one family updates that family's row and keeps the others.
        String base = baseJobId(job.jobId());
        String jobsPrefix = StoreKeys.jobsRunsPrefix(job.repository(), base);
        java.util.Map<String, RunDocument> latest = new java.util.TreeMap<>();
        java.util.Map<String, String> errors = new java.util.TreeMap<>();
        for (String key : store.objects().list(jobsPrefix)) {
            StoreKeys.Key parsed = StoreKeys.parse(key).orElse(null);
            if (parsed == null || parsed.jobId() == null
                    || !(parsed.jobId().equals(StoreKeys.part(base)) || parsed.jobId().startsWith(StoreKeys.part(base) + "-rerun-"))) {
                continue; // another job whose id merely starts the same way
            }
            if (parsed.kind() == StoreKeys.Kind.RUN_DOCUMENT) {
                Optional<RunDocument> doc = store.readRun(key);
                if (doc.isPresent()) {
                    RunDocument s = doc.get();
                    RunDocument seen = latest.get(s.run().check());
                    if (seen == null || s.run().startedAt().isAfter(seen.run().startedAt())) {
                        latest.put(s.run().check(), s);
                    }
                }
            } else if (parsed.kind() == StoreKeys.Kind.CHECK_ERROR) {
                store.objects().get(key).ifPresent(b -> errors.put(parsed.check(), new String(b, StandardCharsets.UTF_8)));
            }
        }
        // the families the head's original job went to, remembered for its re-runs (which name one family only)
        String expectedKey = StoreKeys.families(job.repository(), base);
        java.util.Set<String> expected = new java.util.TreeSet<>(job.checks());
        if (job.jobId().equals(base)) {
            store.objects().put(expectedKey, String.join("\n", job.checks()).getBytes(StandardCharsets.UTF_8), "text/plain");
        } else {
            store.objects().get(expectedKey).ifPresent(b -> new String(b, StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).forEach(expected::add));
        }
        expected.addAll(latest.keySet());
        expected.addAll(errors.keySet());
        return new JobState(latest, errors, expected);
    }

    private PullRequestComments.Result updateSummary(GitHubApi api, ScanJob job, JobState state) {
        PullRequestComments comments = new PullRequestComments(api, job.repository());
        Optional<JsonNode> existing = comments.find(job.pullRequest(), MarkdownSummary.MARKER);
        if (existing.isPresent() && isNewer(existing.get().path("body").asText(), job)) {
            return PullRequestComments.Result.UNCHANGED;
        }
        java.util.Map<String, RunDocument> latest = state.latest();
        java.util.Map<String, String> errors = state.errors();
        java.util.Set<String> expected = state.expected();
        List<CheckRun> runs = latest.values().stream().filter(d -> !d.isNotEnabled()).map(RunDocument::run).toList();
        RunDocument any = latest.values().stream().filter(d -> !d.isNotEnabled()).findFirst().orElse(null);
        StringBuilder notes = new StringBuilder();
        for (String check : expected) {
            if (latest.containsKey(check) && latest.get(check).isNotEnabled()) {
                notes.append("\n> ⏭ `").append(latest.get(check).run().checkRunName()).append("` did not run: ")
                        .append(oneLine(latest.get(check).notEnabled())).append('.');
                continue;
            }
            if (latest.containsKey(check)) {
                continue;
            }
            String name = CheckFamily.byCheck(check).map(CheckFamily::checkRunName).orElse("lastmile/" + check);
            if (errors.containsKey(check)) {
                notes.append("\n> ❌ `").append(name).append("` could not run: ").append(plainText(oneLine(errors.get(check))));
            } else {
                notes.append("\n> ⏳ `").append(name).append("` is still running.");
            }
        }
        String jobMarker = "\n<!-- lastmile:job created=" + job.createdAt() + " head=" + job.head().toLowerCase() + " -->\n";
        int room = MarkdownSummary.GITHUB_LIMIT - Math.min(notes.length(), 4000) - jobMarker.length() - 10;
        String body = runs.isEmpty()
                ? MarkdownSummary.MARKER + "\n## lastmile\n"
                : MarkdownSummary.render(new MarkdownSummary.Input(runs, any.failOn(), job.mode(), any.policySource(),
                any.policyChanged(), linkBase(job), room, MarkdownSummary.provenanceLine(any.provenance(), any.aiGate())));
        String notesText = notes.length() > 4000 ? notes.substring(0, 3990) + "…" : notes.toString();
        return comments.upsert(job.pullRequest(), MarkdownSummary.MARKER, body + (notesText.isEmpty() ? "" : "\n" + notesText + "\n") + jobMarker);
    }

    /**
     * True when the comment already shows another head that this job must not replace: one whose job was created
     * after this one (a newer push), or any other head when this job re-runs a check (a re-run of an older commit's
     * check must not turn the summary back to that commit).
     */
    static boolean isNewer(String commentBody, ScanJob job) {
        Matcher m = JOB_MARKER.matcher(commentBody);
        if (!m.find() || job == null || m.group(2).equalsIgnoreCase(job.head())) {
            return false;
        }
        if (job.jobId().contains("-rerun-")) {
            return true;
        }
        try {
            return Instant.parse(m.group(1)).isAfter(job.createdAt());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The job a re-run belongs to: {@code pr-42-<head>} for {@code pr-42-<head>-rerun-<delivery>}. */
    static String baseJobId(String jobId) {
        int i = jobId.indexOf("-rerun-");
        return i < 0 ? jobId : jobId.substring(0, i);
    }

    private static String linkBase(ScanJob job) {
        return "https://github.com/" + job.repository() + "/blob/" + job.head() + "/";
    }

    /**
     * An error text (which may quote a path or a message GitHub wrote) as plain text in Markdown: no HTML comment
     * (a job marker), no tag, no link or emphasis can come through.
     */
    static String plainText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }
}
