package dev.lastmile.check.secrets;

import dev.lastmile.check.secrets.internal.FileScanner;
import dev.lastmile.check.secrets.internal.Findings;
import dev.lastmile.check.secrets.internal.Hit;
import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.CheckResult;
import dev.lastmile.core.scan.ScanContext;
import dev.lastmile.core.scan.ScanMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The credentials check: hard-coded secrets in data-pipeline configuration and code, found by provider format and by
 * key structure, reported without ever holding the value (a masked preview and a keyed hash only). In a pull request
 * every commit is read too, so a secret added and removed inside the pull request is still reported.
 *
 * <p>Used unchanged by {@code lastmile scan --checks secrets} and the {@code secrets-check} Lambda function.
 */
public final class SecretsCheck implements Check {

    private final SecretHasher hasher;

    /** The check with the installation's fingerprint key ({@code LASTMILE_FINGERPRINT_KEY} or a per-installation key). */
    public SecretsCheck() {
        this(SecretHasher.fromEnvironment());
    }

    public SecretsCheck(SecretHasher hasher) {
        this.hasher = hasher;
    }

    /** The variable that, when set, holds the fingerprint key and wins over any other. */
    public static final String FINGERPRINT_KEY_VARIABLE = SecretHasher.ENV_KEY;

    /** The check with an explicit fingerprint key (the Lambda function derives one per installation). */
    public static SecretsCheck withFingerprintKey(byte[] key) {
        return new SecretsCheck(new SecretHasher(key));
    }

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<RuleMeta> rules() {
        return SecretRules.all();
    }

    /** Credentials are looked for in every folder ({@code logs/}, {@code target/} too) unless the policy ignores it. */
    @Override
    public boolean readsEveryFolder() {
        return true;
    }

    @Override
    public void validatePolicy(Policy policy) throws PolicyException {
        SecretsPolicy.from(policy);
    }

    @Override
    public CheckResult run(ScanContext context) {
        SecretsPolicy policy = SecretsPolicy.from(context.policy());
        FileScanner scanner = new FileScanner(policy, hasher);
        Findings findings = new Findings(hasher);
        List<Finding> out = Collections.synchronizedList(new ArrayList<>());
        List<String> incomplete = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger scanned = new AtomicInteger();

        List<ChangedFile> files = context.filesToScan().stream().filter(f -> !FileScanner.isSkipped(f.path())).toList();
        // two cores in Lambda and CI: files are independent, the scanner is thread-safe
        AtomicInteger done = new AtomicInteger();
        files.parallelStream().forEach(f -> {
            context.progress().progress(name(), done.incrementAndGet(), files.size());
            Optional<String> text = context.readHead(f.path());
            if (text.isEmpty()) {
                return; // vanished (binary and oversized files are read as far as they can be: the engine says so)
            }
            scanned.incrementAndGet();
            FileScanner.Result r;
            try {
                // under the per-file budget: a file over it, or one that overflows the stack, is named by the engine
                Optional<FileScanner.Result> within = context.withinFileBudget(f.path(), () -> scanner.scan(f.path(), text.get()));
                if (within.isEmpty()) {
                    return;
                }
                r = within.get();
            } catch (RuntimeException | StackOverflowError e) {
                // one file's bug must not cost the other files' findings; the run says what it could not judge
                incomplete.add(f.path() + ": not scanned for credentials (" + e.getClass().getSimpleName() + ")");
                return;
            }
            for (Hit h : r.hits()) {
                context.redactor().register(h.value()); // so no other check's note can quote it
                out.add(findings.of(f.path(), h));
            }
            if (r.incomplete() != null) {
                incomplete.add(r.incomplete());
            }
        });

        List<Finding> result = new ArrayList<>(out);
        if (context.mode() == ScanMode.PULL_REQUEST && policy.history() && context.base() != null) {
            result.addAll(History.scan(context, policy, scanner, findings, result, incomplete));
        }
        List<Finding> finalFindings = new ArrayList<>();
        for (Finding f : result) {
            if (f.category() == Category.CREDENTIALS && policy.isTestFixture(f.path())) {
                if (!policy.skipTestFixtures()) {
                    finalFindings.add(findings.asTestFixture(f));
                }
            } else {
                finalFindings.add(f);
            }
        }
        return new CheckResult(finalFindings, scanned.get(), new ArrayList<>(incomplete));
    }

    private static boolean stillOrAlreadyThere(ScanContext context, String path, String value) {
        if (value.isEmpty()) {
            return false;
        }
        try {
            return context.readHead(path).map(t -> t.contains(value)).orElse(false)
                    || context.readBase(path).map(t -> t.contains(value)).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The pull request's commits, read one by one for secrets that the head no longer shows. */
    static final class History {

        private History() {
        }

        static List<Finding> scan(ScanContext context, SecretsPolicy policy, FileScanner scanner, Findings findings,
                                  List<Finding> headFindings, List<String> incomplete) {
            List<String> commits;
            try {
                commits = context.commits();
            } catch (RuntimeException e) {
                incomplete.add("the pull request's commits could not be listed (" + e.getClass().getSimpleName()
                        + "): only its head was scanned for credentials");
                return List.of();
            }
            if (commits.size() <= 1) {
                return List.of(); // the head is the only commit: already scanned
            }
            if (commits.size() > policy.historyMaxCommits()) {
                incomplete.add("the pull request has " + commits.size() + " commits; only the last "
                        + policy.historyMaxCommits() + " were read for credentials (secrets.history_max_commits)");
                commits = commits.subList(commits.size() - policy.historyMaxCommits(), commits.size());
            }
            // a secret still at the head is reported there, once; one only in history is reported once per file
            Set<String> atHead = new HashSet<>();
            for (Finding f : headFindings) {
                if (f.fingerprintKey() != null) {
                    atHead.add(f.fingerprintKey());
                }
            }
            Set<String> seen = new HashSet<>();
            List<Finding> out = new ArrayList<>();
            String head = context.head();
            for (String commit : commits) {
                if (commit.equals(head)) {
                    continue;
                }
                List<ChangedFile> changes;
                try {
                    changes = context.changesOf(commit);
                } catch (RuntimeException e) {
                    incomplete.add("commit " + commit + " could not be read (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                for (ChangedFile c : changes) {
                    if (c.isDeleted() || FileScanner.isSkipped(c.path()) || context.policy().isIgnoredExplicitly(c.path())) {
                        continue;
                    }
                    Optional<String> text;
                    try {
                        text = context.read(commit, c.path());
                    } catch (RuntimeException e) {
                        incomplete.add(c.path() + " at commit " + commit + " could not be read");
                        continue;
                    }
                    if (text.isEmpty()) {
                        continue;
                    }
                    List<Hit> hits;
                    try {
                        hits = scanner.scan(c.path(), text.get()).hits();
                    } catch (RuntimeException | StackOverflowError e) {
                        incomplete.add(c.path() + " at commit " + commit + ": not scanned for credentials ("
                                + e.getClass().getSimpleName() + ")");
                        continue;
                    }
                    for (Hit h : hits) {
                        context.redactor().register(h.value());
                        if (h.rule().category() != Category.CREDENTIALS
                                || !c.changedLines().overlaps(h.line(), h.endLine())) {
                            continue; // only what this commit added; parse notes belong to the head
                        }
                        if (stillOrAlreadyThere(context, c.path(), h.value())) {
                            // at the head it is the head scan's to report; on the base it predates the pull request
                            // (a merge commit from the main branch brings it in as a "change")
                            continue;
                        }
                        Finding f = findings.of(c.path(), h);
                        if (!atHead.contains(f.fingerprintKey()) && seen.add(c.path() + "\u0000" + f.fingerprintKey())) {
                            out.add(Findings.asHistory(f, commit));
                        }
                    }
                }
            }
            return out;
        }
    }
}
