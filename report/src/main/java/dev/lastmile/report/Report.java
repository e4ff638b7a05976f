package dev.lastmile.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A findings report over a whole store: what is open, where, and whether it is shrinking.
 *
 * <p>The rule for "open" (docs/reports.md): a finding is open when it is in the newest full scan of its
 * repository's default branch (scheduled scans and {@code lastmile scan --full}), or when a pull request merged after
 * that scan introduced it (a {@code new} finding of the pull request's newest run, the merge known from the webhook's
 * merge marker). It is fixed when a later full scan no longer has it. Suppressed findings are never open.
 *
 * @param generatedAt  when the report was built
 * @param open         every open finding, most severe first
 * @param weeks        per ISO week (Monday, UTC): findings introduced and fixed between consecutive full scans
 * @param repositories per repository: its newest full scan and open findings by severity
 * @param topRules     the rules with the most open findings
 * @param notes        what the report could not use (unreadable documents, repositories never fully scanned)
 * @param runsRead     how many run documents it read
 * @param aiChanges    AI-assisted changes beside people's, from the audit trail ({@link AiChanges#NONE} without one)
 * @param byOwner      open findings by the owners CODEOWNERS gives their paths, by severity; empty without CODEOWNERS
 */
public record Report(Instant generatedAt, List<OpenFinding> open, List<Week> weeks, List<RepositoryStatus> repositories,
                     List<RuleCount> topRules, List<String> notes, int runsRead, AiChanges aiChanges,
                     Map<String, Map<String, Integer>> byOwner) {

    public Report {
        aiChanges = aiChanges == null ? AiChanges.NONE : aiChanges;
        byOwner = byOwner == null ? Map.of() : byOwner;
    }

    public Report(Instant generatedAt, List<OpenFinding> open, List<Week> weeks, List<RepositoryStatus> repositories,
                  List<RuleCount> topRules, List<String> notes, int runsRead) {
        this(generatedAt, open, weeks, repositories, topRules, notes, runsRead, AiChanges.NONE, Map.of());
    }

    /** The owner of findings whose repository has no CODEOWNERS file, and of paths no line of it matches. */
    public static final String NO_CODEOWNERS = "(no CODEOWNERS)";
    public static final String UNOWNED = "(unowned)";

    /** This report with the audit trail's AI section and the open findings grouped by CODEOWNERS. */
    public Report with(AiChanges ai, java.util.function.Function<String, java.util.Optional<CodeOwners>> codeOwners) {
        Map<String, Map<String, Integer>> owners = new java.util.TreeMap<>();
        Map<String, java.util.Optional<CodeOwners>> cache = new java.util.HashMap<>();
        for (OpenFinding f : open) {
            java.util.Optional<CodeOwners> co = cache.computeIfAbsent(f.repository(), codeOwners);
            List<String> names = co.map(c -> c.owners(f.path())).map(l -> l.isEmpty() ? List.of(UNOWNED) : l)
                    .orElse(List.of(NO_CODEOWNERS));
            for (String owner : names) {
                owners.computeIfAbsent(owner, k -> new java.util.LinkedHashMap<>()).merge(f.severity(), 1, Integer::sum);
            }
        }
        List<String> allNotes = new java.util.ArrayList<>(notes);
        ai.unreadable().forEach(u -> allNotes.add("unreadable audit record " + u));
        return new Report(generatedAt, open, weeks, repositories, topRules, List.copyOf(allNotes), runsRead, ai,
                java.util.Collections.unmodifiableMap(owners));
    }

    /** An open finding and where it comes from. */
    public record OpenFinding(String repository, String check, String ruleId, String title, String category,
                              String severity, String path, int line, String message, String fingerprint, String head,
                              String source, Instant seenAt, Instant firstSeen) {
    }

    public record Week(LocalDate start, int introduced, int fixed) {
    }

    /**
     * Open findings of full scans at the end of each week: new minus fixed, accumulated from the first week (the
     * findings of merged pull requests not yet in a full scan are not in it).
     */
    public List<Integer> openAtEndOfWeek() {
        List<Integer> out = new java.util.ArrayList<>();
        int open = 0;
        for (Week w : weeks) {
            open += w.introduced() - w.fixed();
            out.add(open);
        }
        return out;
    }

    /** Age buckets of open findings (since first seen), oldest last, with their upper bounds in days. */
    public static final List<String> AGE_BUCKETS = List.of("under a week", "1–4 weeks", "1–3 months", "3–12 months", "over a year");
    private static final int[] AGE_LIMIT_DAYS = {7, 30, 91, 365, Integer.MAX_VALUE};

    /** How many open findings fall in each of {@link #AGE_BUCKETS}, by severity. */
    public Map<String, int[]> ageBySeverity() {
        Map<String, int[]> out = new java.util.LinkedHashMap<>();
        SEVERITIES.forEach(s -> out.put(s, new int[AGE_BUCKETS.size()]));
        for (OpenFinding f : open) {
            long days = java.time.Duration.between(f.firstSeen(), generatedAt).toDays();
            int bucket = 0;
            while (days >= AGE_LIMIT_DAYS[bucket]) {
                bucket++;
            }
            out.computeIfAbsent(f.severity(), k -> new int[AGE_BUCKETS.size()])[bucket]++;
        }
        return out;
    }

    public record RepositoryStatus(String repository, Instant lastFullScan, Map<String, Integer> openBySeverity, int open) {
    }

    public record RuleCount(String ruleId, String title, String category, int open) {
    }

    /** The category of coverage notices (SQL090/091, SEC090/091, RES090): they describe lastmile, not the code. */
    public static final String COVERAGE_CATEGORY = "parse";

    /** Open findings without the coverage notices: what the page lists and ranks. */
    public List<OpenFinding> findingsOnly() {
        return open.stream().filter(f -> !COVERAGE_CATEGORY.equals(f.category())).toList();
    }

    /** Open coverage notices counted per check (one line each on the page; findings.csv lists them). */
    public Map<String, Integer> coverageByCheck() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        open.stream().filter(f -> COVERAGE_CATEGORY.equals(f.category())).forEach(f -> out.merge(f.check(), 1, Integer::sum));
        return out;
    }

    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
}
