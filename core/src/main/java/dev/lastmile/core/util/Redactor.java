package dev.lastmile.core.util;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction layer: every text a check returns (messages, titles, remediations, properties, incomplete notes)
 * passes through {@link #redact(String)} in the scan engine before it reaches any output, whatever the check family.
 *
 * <p>Three things are masked: the values the credentials check found anywhere in this scan ({@link #register}),
 * the password part of URL user-info ({@code git+https://user:token@host}), and text quoted or assigned after a
 * credential word ({@code … PASSWORD = 'value}, {@code pwd=value;}, {@code IDENTIFIED BY 'value'}), plus the provider
 * token formats that are unmistakable on their own. A mask ({@link #mask}) shows at most four characters of the
 * value, and none for values under 16 characters.
 *
 * <p>Every pattern is linear: bounded repetitions, no nested quantifiers, no back-references.
 */
public final class Redactor {

    /** Values shorter than this get no preview characters at all. */
    public static final int MIN_PREVIEW_LENGTH = 16;
    /** What stands in for a value too short to show any part of. */
    public static final String HIDDEN = "[redacted]";
    /** Registered values shorter than this are not searched for (they would mask ordinary words). */
    static final int MIN_REGISTERED_LENGTH = 6;

    /** {@code scheme://user:password@}: the password part. */
    private static final Pattern URL_USERINFO = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,30}://)([^\\s/@:?#'\"]{0,256}):([^\\s/@?#'\"]{1,512})@");
    /** {@code scheme://token@}: a user-info with no colon that looks generated rather than a user name. */
    private static final Pattern URL_TOKEN_USER = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,30}://)([A-Za-z0-9_\\-.~%]{20,512})@");
    /**
     * A credential word (possibly inside an identifier: {@code db_password}, {@code ClientSecret}), then a separator
     * ({@code =}, {@code :}, {@code BY}, or spaces before a quote), then the value: quoted (closed or not) or bare.
     */
    private static final Pattern CREDENTIAL_ASSIGNMENT = Pattern.compile(
            "(?i)((?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key"
                    + "|client[_-]?secret|credentials?|identified)[A-Za-z0-9_.-]{0,30}"
                    + "(?:\\s{0,8}[:=]{1,2}>?\\s{0,8}|\\s{1,8}by\\s{1,8}|\\s{1,8}(?=['\"`])))"
                    + "(?:(['\"`])([^'\"`\\r\\n]{1,512})(['\"`]?)|([^\\s'\"`,;&)}\\]<>]{4,512}))");
    /** {@code Authorization: Bearer <token>} in a quoted request or log line. */
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)(authorization\\s{0,8}[:=]\\s{0,8}(?:bearer|basic|token)?\\s{0,8})([^\\s'\"`,;]{4,512})");
    /** Provider formats that need no context. */
    private static final Pattern PROVIDER_TOKENS = Pattern.compile(
            "\\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}"
                    + "|glpat-[A-Za-z0-9_-]{20,64}|xox[abprse]-[A-Za-z0-9-]{10,255}|(?:sk|rk)_live_[A-Za-z0-9]{16,255}"
                    + "|dapi[0-9a-f]{32}(?:-\\d)?|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{32,255})\\b");
    /** A private key block, whole or cut short. */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----[^-]{0,100000}(?:-----END[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----)?");
    /** Values that name where a secret comes from rather than being one: left visible. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:\\{\\{.{0,600}|\\$\\{.{0,600}|\\$[A-Za-z_][A-Za-z0-9_]{0,100}|[A-Za-z_][A-Za-z0-9_.]{0,60}[(\\[].{0,600}"
                    + "|<[^>]{0,60}>?|\\*{1,64}|x{3,64}|…|masked|hidden|redacted|"
                    + Pattern.quote(HIDDEN) + ")");

    private final Set<String> values = ConcurrentHashMap.newKeySet();

    /** Remembers a secret value found in this scan, so it is masked wherever any check quotes it. */
    public void register(String value) {
        if (value != null) {
            String v = value.strip();
            if (v.length() >= MIN_REGISTERED_LENGTH) {
                values.add(v);
            }
        }
    }

    /** How many values are registered (for tests and diagnostics; never the values). */
    public int registered() {
        return values.size();
    }

    /**
     * A value as it may be shown: its first two and last two characters around an ellipsis for values of 16
     * characters or more, {@link #HIDDEN} for shorter ones.
     */
    public static String mask(String value) {
        if (value == null || value.codePointCount(0, value.length()) < MIN_PREVIEW_LENGTH) {
            return HIDDEN;
        }
        int[] cps = value.codePoints().toArray();
        return new String(cps, 0, 2) + "…" + new String(cps, cps.length - 2, 2);
    }

    /** The text with every secret it may hold masked; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!values.isEmpty()) {
            List<String> known = new ArrayList<>(values);
            known.sort(Comparator.comparingInt(String::length).reversed()); // a value inside another: longest first
            for (String v : known) {
                if (out.contains(v)) {
                    out = out.replace(v, mask(v));
                }
            }
        }
        return redactPatterns(out);
    }

    /** The pattern half of {@link #redact}: needs no knowledge of the scan. */
    public static String redactPatterns(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (out.contains("PRIVATE KEY")) {
            out = PRIVATE_KEY.matcher(out).replaceAll("-----BEGIN PRIVATE KEY----- " + HIDDEN);
        }
        if (out.contains("://")) {
            out = replace(URL_USERINFO, out, m -> m.group(1) + m.group(2) + ":" + mask(m.group(3)) + "@");
            out = replace(URL_TOKEN_USER, out, m -> m.group(1) + mask(m.group(2)) + "@");
        }
        out = replace(PROVIDER_TOKENS, out, m -> mask(m.group()));
        out = replace(AUTH_HEADER, out, m -> m.group(2).contains("…") || m.group(2).contains("[redacted")
                ? m.group() : m.group(1) + mask(m.group(2)));
        out = replace(CREDENTIAL_ASSIGNMENT, out, m -> {
            String value = m.group(3) != null ? m.group(3) : m.group(5);
            if (REFERENCE.matcher(value.strip()).matches() || value.contains("…") || value.contains("[redacted")) {
                return m.group();
            }
            return m.group(3) != null ? m.group(1) + m.group(2) + mask(value) + m.group(4) : m.group(1) + mask(value);
        });
        return out;
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        do {
            m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }
}
