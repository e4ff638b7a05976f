package dev.lastmile.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key lastmile writes to a store, built and parsed here only; the same layout in S3 and on disk (see
 * ARCHITECTURE.md):
 * <pre>
 * runs/{owner}/{repo}/{jobId}/{check}.json        the run document ({@link RunDocument})
 * runs/{owner}/{repo}/{jobId}/{check}.sarif       the same run as SARIF 2.1.0
 * runs/{owner}/{repo}/{jobId}/{check}.error       why the check could not run (reporter)
 * runs/{owner}/{repo}/{jobId}/families.txt        the families a job went to (reporter)
 * findings/dt={yyyy-MM-dd}/check={check}/{owner}__{repo}__{jobId}.jsonl   one finding per line, for Athena
 * deliveries/{deliveryId}                         a GitHub delivery already handled (webhook)
 * jobs/{owner}/{repo}/{jobId}                     a job already queued (webhook, scheduler)
 * merges/{owner}/{repo}/pr-{n}.json               a merged pull request (webhook; the findings report)
 * schedules/{yyyy-MM-dd}/{eventId}.json           what a scheduled run decided per repository (scheduler)
 * dependency-cache/v1/{service}/{part}/....json   deps.dev and OSV answers (the dependency check)
 * reports/{yyyy-MM-dd|latest}/{file}              the findings report (report function, CLI)
 * audit/{owner}/{repo}/pr-{n}/{at}-{event}.json   one pull-request event, append-only ({@link AuditRecord})
 * </pre>
 *
 * <p>Every part is made safe by {@link #part}: a part that is already safe ({@code [A-Za-z0-9._-]}, at most 100
 * characters, not starting with a dot) is kept as it is; any other is sanitised and shortened to a readable prefix
 * followed by the full SHA-256 of the original, so two different inputs never share a key, no input escapes its
 * prefix, and no key exceeds S3's length. Owner and repository names are lower-cased first: GitHub's are
 * case-insensitive, so {@code Acme/Shop} and {@code acme/shop} are one repository.
 */
public final class StoreKeys {

    public static final String RUNS = "runs/";
    public static final String FINDINGS = "findings/";
    public static final String MERGES = "merges/";
    public static final String REPORTS = "reports/";
    public static final String DELIVERIES = "deliveries/";
    public static final String JOBS = "jobs/";
    public static final String SCHEDULES = "schedules/";
    public static final String DEPENDENCY_CACHE = "dependency-cache/v1/";
    /** The audit trail: append-only, protected by S3 Object Lock in the deployed bucket (docs/provenance.md). */
    public static final String AUDIT = "audit/";
    /** Every top-level prefix, for the bucket's lifecycle rules and the permissions of each function. */
    public static final List<String> PREFIXES = List.of(RUNS, FINDINGS, MERGES, REPORTS, DELIVERIES, JOBS, SCHEDULES,
            DEPENDENCY_CACHE, AUDIT);
    /** The name of the file beside a job's runs that lists the families it went to. */
    public static final String FAMILIES_FILE = "families.txt";

    private static final int MAX_PART = 100;
    private static final int HASH_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_PART - 1) + "}");
    /** A part that ends like a hashed one is hashed too, so a literal name can never pose as another's hash. */
    private static final Pattern LOOKS_HASHED = Pattern.compile(".*-[0-9a-f]{" + HASH_LENGTH + "}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]{1,200}");

    private StoreKeys() {
    }

    /**
     * One path segment made safe: itself when it already is, else a sanitised prefix, {@code -}, and the SHA-256 of
     * {@code raw} (100 characters in all).
     */
    public static String part(String raw) {
        String r = raw == null ? "" : raw;
        if (SAFE.matcher(r).matches() && !LOOKS_HASHED.matcher(r).matches()) {
            return r;
        }
        String s = UNSAFE.matcher(r).replaceAll("_");
        if (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        int keep = Math.min(s.length(), MAX_PART - HASH_LENGTH - 1);
        return s.substring(0, keep) + "-" + sha256(r);
    }

    /** {@code owner/name} as two safe segments; a name without an owner gets the owner {@code local}. */
    public static String repository(String repository) {
        String r = repository == null ? "" : repository.strip().toLowerCase(Locale.ROOT);
        int slash = r.indexOf('/');
        String owner = slash > 0 ? r.substring(0, slash) : "local";
        String name = slash > 0 ? r.substring(slash + 1) : r;
        return part(owner) + "/" + part(name);
    }

    // ------------------------------------------------------------------ runs/

    public static String runPrefix(String repository, String jobId) {
        return RUNS + repository(repository) + "/" + part(jobId) + "/";
    }

    /** Every run of a repository: {@code runs/{owner}/{repo}/}. */
    public static String repositoryRunsPrefix(String repository) {
        return RUNS + repository(repository) + "/";
    }

    /**
     * Runs of every job of a repository whose id starts with {@code jobIdPrefix}. Only meaningful for a prefix that is
     * a safe part itself (job ids made by lastmile are: {@code pr-42-<sha>}, {@code full-<sha>-<day>}).
     */
    public static String jobsRunsPrefix(String repository, String jobIdPrefix) {
        return repositoryRunsPrefix(repository) + part(jobIdPrefix);
    }

    public static String runDocument(String repository, String jobId, String check) {
        return runPrefix(repository, jobId) + part(check) + ".json";
    }

    public static String sarif(String repository, String jobId, String check) {
        return runPrefix(repository, jobId) + part(check) + ".sarif";
    }

    /** Why a check of a job could not run, as the reporter recorded it. */
    public static String checkError(String repository, String jobId, String check) {
        return runPrefix(repository, jobId) + part(check) + ".error";
    }

    /** The families a job went to, which its re-runs (one family each) do not name. */
    public static String families(String repository, String jobId) {
        return runPrefix(repository, jobId) + FAMILIES_FILE;
    }

    // ------------------------------------------------------------------ findings/

    /**
     * One job's rows of one check for Athena. The file name joins owner, repository and job with {@code __}; when a part
     * holds {@code __} itself (or the name would pass 100 characters) the join could be read two ways, so the name is
     * shortened to a prefix and the SHA-256 of the run's prefix, which is unambiguous.
     */
    public static String findingRows(LocalDate day, String check, String repository, String jobId) {
        String repo = repository(repository);
        String job = part(jobId);
        String owner = repo.substring(0, repo.indexOf('/'));
        String name = repo.substring(repo.indexOf('/') + 1);
        String file = owner + "__" + name + "__" + job;
        if (owner.contains("__") || name.contains("__") || job.contains("__") || file.length() > MAX_PART) {
            file = file.substring(0, Math.min(file.length(), MAX_PART - HASH_LENGTH - 1)) + "-" + sha256(repo + "/" + job);
        }
        return FINDINGS + "dt=" + day + "/check=" + part(check) + "/" + file + ".jsonl";
    }

    // ------------------------------------------------------------------ webhook, scheduler, reports

    /** A GitHub delivery the webhook has handled (its idempotency claim). */
    public static String delivery(String deliveryId) {
        return DELIVERIES + part(deliveryId);
    }

    /**
     * A job already queued (the webhook's and the scheduler's claim). Job ids never start with {@code head-}: that
     * prefix is {@link #jobHead}'s, so the two kinds stay apart when parsed.
     */
    public static String jobClaim(String repository, String jobId) {
        String job = part(jobId);
        if (job.startsWith(HEAD_INDEX)) {
            throw new IllegalArgumentException("a job id may not start with '" + HEAD_INDEX + "' (the head index's prefix)");
        }
        return JOBS + repository(repository) + "/" + job;
    }

    private static final String HEAD_INDEX = "head-";

    /**
     * The webhook's index from a head commit to its pull-request job, for re-runs requested on a fork's check run
     * (fork events carry no pull request): {@code jobs/{owner}/{repo}/head-{sha}}.
     */
    public static String jobHead(String repository, String headSha) {
        return JOBS + repository(repository) + "/" + HEAD_INDEX + part(headSha.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The marker the webhook writes when a pull request is merged: {@code merges/{owner}/{repo}/pr-{n}.json}. Reports
     * count a merged pull request's new findings as open until the next full scan.
     */
    public static String mergeMarker(String repository, int pullRequest) {
        return MERGES + repository(repository) + "/pr-" + pullRequest + ".json";
    }

    /** What one scheduled run decided for every repository. */
    public static String scheduleDecisions(String day, String eventId) {
        return SCHEDULES + part(day) + "/" + part(eventId) + ".json";
    }

    /** A cached answer of an outside service (deps.dev, OSV): every part sanitised on its own. */
    public static String dependencyCache(String service, String... parts) {
        StringBuilder sb = new StringBuilder(DEPENDENCY_CACHE).append(part(service));
        for (String p : parts) {
            sb.append('/').append(part(p));
        }
        return sb.append(".json").toString();
    }

    /** A report file: {@code reports/{yyyy-MM-dd|latest}/{name}}. */
    public static String report(String dateOrLatest, String fileName) {
        return REPORTS + part(dateOrLatest) + "/" + part(fileName);
    }

    // ------------------------------------------------------------------ audit/

    /** Every audit record of a repository: {@code audit/{owner}/{repo}/}. */
    public static String auditRepositoryPrefix(String repository) {
        return AUDIT + repository(repository) + "/";
    }

    /** Every audit record of one pull request: {@code audit/{owner}/{repo}/pr-{n}/}. */
    public static String auditPullRequestPrefix(String repository, int pullRequest) {
        return auditRepositoryPrefix(repository) + "pr-" + pullRequest + "/";
    }

    /**
     * One audit record: {@code audit/{owner}/{repo}/pr-{n}/{yyyyMMddTHHmmssSSSZ}-{event}.json}. The instant leads, so
     * a pull request's records list in the order they happened; the event part (its kind and a unique id, such as the
     * job or the delivery) keeps two events of the same millisecond apart. Records are written with
     * {@code putIfAbsent}: a key is never written twice.
     */
    public static String auditRecord(String repository, int pullRequest, java.time.Instant at, String event) {
        String stamp = AUDIT_STAMP.format(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return auditPullRequestPrefix(repository, pullRequest) + stamp + "-" + part(event) + ".json";
    }

    private static final java.time.format.DateTimeFormatter AUDIT_STAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    // ------------------------------------------------------------------ parsing

    /** What a key is. */
    public enum Kind {
        RUN_DOCUMENT, SARIF, CHECK_ERROR, FAMILIES, FINDING_ROWS, DELIVERY, JOB_CLAIM, JOB_HEAD, MERGE_MARKER, SCHEDULE,
        DEPENDENCY_CACHE, REPORT, AUDIT_RECORD
    }

    /**
     * A key taken apart. Parts are as stored (sanitised); those a kind does not have are null.
     *
     * @param kind        what the key is
     * @param repository  {@code owner/name} as in the key
     * @param jobId       the job id as in the key
     * @param check       the check as in the key
     * @param day         the date part: a finding rows' partition, a schedule's day, a report's date ({@code latest})
     * @param name        the last part: a delivery id, a schedule's event, a report's file, the pull request number of
     *                    a merge marker or an audit record, the rest of a cache key, the head commit of a job head
     *                    index
     *
     * <p>An audit record's {@code day} is its instant ({@code yyyyMMddTHHmmssSSSZ}) and {@code jobId} its event part.
     */
    public record Key(Kind kind, String repository, String jobId, String check, String day, String name) {
    }

    private static final Pattern RUN_FILE = Pattern.compile(
            "runs/([^/]+/[^/]+)/([^/]+)/(?:(families\\.txt)|([^/]+)\\.(json|sarif|error))");
    private static final Pattern ROWS = Pattern.compile("findings/dt=([0-9-]+)/check=([^/]+)/([^/]+)\\.jsonl");
    private static final Pattern MERGE = Pattern.compile("merges/([^/]+/[^/]+)/pr-([0-9]+)\\.json");
    private static final Pattern JOB_HEAD = Pattern.compile("jobs/([^/]+/[^/]+)/head-([^/]+)");
    private static final Pattern JOB = Pattern.compile("jobs/([^/]+/[^/]+)/([^/]+)");
    private static final Pattern DELIVERY = Pattern.compile("deliveries/([^/]+)");
    private static final Pattern SCHEDULE = Pattern.compile("schedules/([^/]+)/([^/]+)\\.json");
    private static final Pattern CACHE = Pattern.compile("dependency-cache/v1/([^/]+)/(.+)\\.json");
    private static final Pattern REPORT = Pattern.compile("reports/([^/]+)/([^/]+)");
    private static final Pattern AUDIT_FILE = Pattern.compile(
            "audit/([^/]+/[^/]+)/pr-([0-9]+)/([0-9]{8}T[0-9]{9}Z)-([^/]+)\\.json");

    /** Takes a key of any kind apart; empty for a key lastmile does not write. */
    public static Optional<Key> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = RUN_FILE.matcher(key)).matches()) {
            if (m.group(3) != null) {
                return Optional.of(new Key(Kind.FAMILIES, m.group(1), m.group(2), null, null, null));
            }
            Kind kind = switch (m.group(5)) {
                case "json" -> Kind.RUN_DOCUMENT;
                case "sarif" -> Kind.SARIF;
                default -> Kind.CHECK_ERROR;
            };
            return Optional.of(new Key(kind, m.group(1), m.group(2), m.group(4), null, null));
        }
        if ((m = ROWS.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.FINDING_ROWS, null, null, m.group(2), m.group(1), m.group(3)));
        }
        if ((m = MERGE.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.MERGE_MARKER, m.group(1), null, null, null, m.group(2)));
        }
        if ((m = JOB_HEAD.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.JOB_HEAD, m.group(1), null, null, null, m.group(2)));
        }
        if ((m = JOB.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.JOB_CLAIM, m.group(1), m.group(2), null, null, null));
        }
        if ((m = DELIVERY.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.DELIVERY, null, null, null, null, m.group(1)));
        }
        if ((m = SCHEDULE.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.SCHEDULE, null, null, null, m.group(1), m.group(2)));
        }
        if ((m = CACHE.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.DEPENDENCY_CACHE, null, null, null, null, m.group(1) + "/" + m.group(2)));
        }
        if ((m = AUDIT_FILE.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.AUDIT_RECORD, m.group(1), m.group(4), null, m.group(3), m.group(2)));
        }
        if ((m = REPORT.matcher(key)).matches()) {
            return Optional.of(new Key(Kind.REPORT, null, null, null, m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    /** Validates a whole key before it reaches a store (both stores call this). */
    public static String checked(String key) {
        if (key == null || key.isEmpty() || key.length() > 900 || key.startsWith("/")) {
            throw new IllegalArgumentException("invalid store key");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid store key segment '" + segment.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return key;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
