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

    private final FindingsStore store;
    private final LongFunction<GitHubApi> github;
    private final Clock clock;

    public ReporterService(FindingsStore store, LongFunction<GitHubApi> github, Clock clock) {
        this.store = store;
        this.github = github;
        this.clock = clock == null ? Clock.systemUTC() : clock;
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
        PullRequestComments.Result comment = job.pullRequest() == null ? null : updateSummary(api, job);
        return new Outcome(conclusion(stored), requests, comment);
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

    private PullRequestComments.Result updateSummary(GitHubApi api, ScanJob job) {
        PullRequestComments comments = new PullRequestComments(api, job.repository());
        Optional<JsonNode> existing = comments.find(job.pullRequest(), MarkdownSummary.MARKER);
        if (existing.isPresent() && isNewer(existing.get().path("body").asText(), job)) {
            return PullRequestComments.Result.UNCHANGED;
        }
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
