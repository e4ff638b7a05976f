package dev.lastmile.core.store;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The findings store's key layout, the same in S3 and on disk (see ARCHITECTURE.md):
 * <pre>
 * runs/{owner}/{repo}/{jobId}/{check}.json        the run document (JSON)
 * runs/{owner}/{repo}/{jobId}/{check}.sarif       the same run as SARIF 2.1.0
 * findings/dt={yyyy-MM-dd}/check={check}/{owner}__{repo}__{jobId}.jsonl   one finding per line, for Athena
 * </pre>
 * Every part is sanitised: only {@code [A-Za-z0-9._-]} survive (others become {@code _}), no part is {@code .} or
 * {@code ..} or empty, and each part is at most 100 characters (longer ones keep a prefix and a hash suffix), so no
 * input can escape its prefix, write control characters, or exceed S3's key length.
 */
public final class StoreKeys {

    public static final String RUNS = "runs/";
    public static final String FINDINGS = "findings/";
    public static final String MERGES = "merges/";
    public static final String REPORTS = "reports/";
    private static final int MAX_PART = 100;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]{1,200}");

    private StoreKeys() {
    }

    /** One path segment made safe. */
    public static String part(String raw) {
        String s = raw == null ? "" : UNSAFE.matcher(raw).replaceAll("_");
        while (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        if (s.isEmpty()) {
            s = "_";
        }
        if (s.length() > MAX_PART) {
            String hash = Integer.toHexString(raw.hashCode() & 0x7fffffff);
            s = s.substring(0, MAX_PART - hash.length() - 1) + "-" + hash;
        }
        return s;
    }

    /** {@code owner/name} as two safe segments; a name without an owner gets the owner {@code local}. */
    public static String repository(String repository) {
        String r = repository == null ? "" : repository.strip();
        int slash = r.indexOf('/');
        String owner = slash > 0 ? r.substring(0, slash) : "local";
        String name = slash > 0 ? r.substring(slash + 1) : r;
        return part(owner.toLowerCase(Locale.ROOT)) + "/" + part(name.replace('/', '_').toLowerCase(Locale.ROOT));
    }

    public static String runPrefix(String repository, String jobId) {
        return RUNS + repository(repository) + "/" + part(jobId) + "/";
    }

    public static String runDocument(String repository, String jobId, String check) {
        return runPrefix(repository, jobId) + part(check) + ".json";
    }

    public static String sarif(String repository, String jobId, String check) {
        return runPrefix(repository, jobId) + part(check) + ".sarif";
    }

    public static String findingRows(LocalDate day, String check, String repository, String jobId) {
        return FINDINGS + "dt=" + day + "/check=" + part(check) + "/"
                + part(repository(repository).replace("/", "__") + "__" + part(jobId)) + ".jsonl";
    }

    /**
     * The marker the webhook writes when a pull request is merged: {@code merges/{owner}/{repo}/pr-{n}.json}. Reports
     * count a merged pull request's new findings as open until the next full scan.
     */
    public static String mergeMarker(String repository, int pullRequest) {
        return MERGES + repository(repository) + "/pr-" + pullRequest + ".json";
    }

    /** A report file: {@code reports/{yyyy-MM-dd|latest}/{name}}. */
    public static String report(String dateOrLatest, String fileName) {
        return REPORTS + part(dateOrLatest) + "/" + part(fileName);
    }

    /** Validates a whole key built elsewhere (the dependency cache, idempotency markers). */
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
}
