package dev.lastmile.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes a {@link Report} from the runs of a store; pure, so the rules for open and fixed are unit-testable. */
final class ReportBuilder {

    private static final int TOP_RULES = 10;

    private ReportBuilder() {
    }

    static Report build(RunReader.Contents contents, Instant now) {
        List<String> notes = new ArrayList<>();
        contents.unreadable().forEach(u -> notes.add("unreadable: " + u));
        Map<String, List<StoredRun>> byRepoAndCheck = new TreeMap<>();
        for (StoredRun run : contents.runs()) {
            byRepoAndCheck.computeIfAbsent(run.repository() + "\u0000" + run.check(), k -> new ArrayList<>()).add(run);
        }
        List<Report.OpenFinding> open = new ArrayList<>();
        TreeMap<LocalDate, int[]> weeks = new TreeMap<>();
        Map<String, Instant> lastFull = new TreeMap<>();
        Set<String> reposWithoutFull = new java.util.TreeSet<>();

        for (List<StoredRun> runs : byRepoAndCheck.values()) {
            runs.sort(Comparator.comparing(StoredRun::startedAt));
            List<StoredRun> fulls = runs.stream().filter(StoredRun::isFull).toList();
            String repository = runs.getFirst().repository();
            // when each finding was first seen in this repository and check: a full scan's or a pull request's
            Map<String, Instant> firstSeen = new HashMap<>();
            for (StoredRun run : runs) {
                for (StoredRun.Row r : run.findings()) {
                    if (!"suppressed".equals(r.status()) && (run.isFull() || "new".equals(r.status()))) {
                        firstSeen.putIfAbsent(r.fingerprint(), run.startedAt());
                    }
                }
            }
            Set<String> previous = null;
            for (StoredRun full : fulls) {
                Set<String> current = activeFingerprints(full);
                int[] w = weeks.computeIfAbsent(weekOf(full.startedAt()), k -> new int[2]);
                if (previous == null) {
                    w[0] += current.size();
                } else {
                    Set<String> before = previous;
                    w[0] += (int) current.stream().filter(f -> !before.contains(f)).count();
                    w[1] += (int) before.stream().filter(f -> !current.contains(f)).count();
                }
                previous = current;
            }
            StoredRun baseline = fulls.isEmpty() ? null : fulls.getLast();
            Set<String> seen = new HashSet<>();
            if (baseline != null) {
                lastFull.merge(repository, baseline.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
                for (StoredRun.Row r : baseline.findings()) {
                    if (!"suppressed".equals(r.status()) && seen.add(r.fingerprint())) {
                        open.add(open(baseline, r, "full scan " + shortRev(baseline.head()), firstSeen));
                    }
                }
            } else {
                reposWithoutFull.add(repository);
            }
            // pull requests merged since the baseline: their newest run's new findings are on the default branch now
            Map<Integer, StoredRun> newestPerPr = new LinkedHashMap<>();
            for (StoredRun run : runs) {
                if (!run.isFull() && run.pullRequest() != null) {
                    newestPerPr.put(run.pullRequest(), run);
                }
            }
            for (StoredRun pr : newestPerPr.values()) {
                Instant merged = contents.mergedAt().get(repository + "#" + pr.pullRequest());
                if (merged == null || (baseline != null && !merged.isAfter(baseline.startedAt()))) {
                    continue;
                }
                for (StoredRun.Row r : pr.findings()) {
                    if ("new".equals(r.status()) && seen.add(r.fingerprint())) {
                        open.add(open(pr, r, "pull request #" + pr.pullRequest(), firstSeen));
                    }
                }
            }
        }
        for (String repo : reposWithoutFull) {
            if (!lastFull.containsKey(repo)) {
                notes.add(repo + " has no full scan yet: only findings of its merged pull requests are counted");
            }
        }
        open.sort(Comparator.comparingInt((Report.OpenFinding f) -> Report.SEVERITIES.indexOf(f.severity()))
                .thenComparing(Report.OpenFinding::repository).thenComparing(Report.OpenFinding::path)
                .thenComparingInt(Report.OpenFinding::line));

        List<Report.Week> weekList = weeks.entrySet().stream()
                .map(e -> new Report.Week(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Report(now, List.copyOf(open), weekList, repositories(open, lastFull, contents), topRules(open),
                List.copyOf(notes), contents.runs().size());
    }

    private static Set<String> activeFingerprints(StoredRun run) {
        return run.findings().stream().filter(r -> !"suppressed".equals(r.status())).map(StoredRun.Row::fingerprint)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Report.OpenFinding open(StoredRun run, StoredRun.Row r, String source, Map<String, Instant> firstSeen) {
        return new Report.OpenFinding(run.repository(), run.check(), r.ruleId(), r.title(), r.category(), r.severity(),
                r.path(), r.line(), r.message(), r.fingerprint(), run.head(), source, run.startedAt(),
                firstSeen.getOrDefault(r.fingerprint(), run.startedAt()));
    }

    private static List<Report.RepositoryStatus> repositories(List<Report.OpenFinding> open, Map<String, Instant> lastFull,
                                                              RunReader.Contents contents) {
        Set<String> repos = new java.util.TreeSet<>();
        contents.runs().forEach(r -> repos.add(r.repository()));
        List<Report.RepositoryStatus> out = new ArrayList<>();
        for (String repo : repos) {
            Map<String, Integer> bySeverity = new LinkedHashMap<>();
            Report.SEVERITIES.forEach(s -> bySeverity.put(s, 0));
            int total = 0;
            for (Report.OpenFinding f : open) {
                if (f.repository().equals(repo)) {
                    bySeverity.merge(f.severity(), 1, Integer::sum);
                    total++;
                }
            }
            out.add(new Report.RepositoryStatus(repo, lastFull.get(repo), bySeverity, total));
        }
        out.sort(Comparator.comparingInt((Report.RepositoryStatus r) -> -r.openBySeverity().get("critical"))
                .thenComparingInt(r -> -r.openBySeverity().get("high")).thenComparingInt(r -> -r.open())
                .thenComparing(Report.RepositoryStatus::repository));
        return out;
    }

    private static List<Report.RuleCount> topRules(List<Report.OpenFinding> open) {
        Map<String, Report.RuleCount> counts = new LinkedHashMap<>();
        for (Report.OpenFinding f : open) {
            counts.merge(f.ruleId(), new Report.RuleCount(f.ruleId(), f.title(), f.category(), 1),
                    (a, b) -> new Report.RuleCount(a.ruleId(), a.title(), a.category(), a.open() + 1));
        }
        return counts.values().stream().sorted(Comparator.comparingInt(Report.RuleCount::open).reversed()
                .thenComparing(Report.RuleCount::ruleId)).limit(TOP_RULES).toList();
    }

    static LocalDate weekOf(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static String shortRev(String rev) {
        return rev == null ? "" : rev.length() > 12 ? rev.substring(0, 12) : rev;
    }
}
