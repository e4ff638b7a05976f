package dev.lastmile.check.dependencies.spdx;

import dev.lastmile.core.util.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Judges license expressions against allow / review / deny lists. A list entry is a license id glob
 * ({@code GPL-*}, {@code MIT}, matched without regard to case, against the id and against the whole
 * {@code id WITH exception} text) or a category name ({@code forbidden}, {@code notice}, ...).
 *
 * <p>Order of decision for one license: an exact id in deny, review, allow; then an id glob in the same order; then a
 * category in deny, review, allow; then {@code UNKNOWN} for a license no category knows, or {@code REVIEW} ("not on
 * the allow list") otherwise. {@code OR} takes its most favourable branch, {@code AND} its least favourable term.
 */
public final class LicenseJudge {

    /** Ordered from the best outcome to the worst. */
    public enum Verdict { ALLOW, REVIEW, UNKNOWN, DENY }

    /**
     * @param verdict  the outcome
     * @param culprits the licenses (as written) that decided it, when not allowed
     * @param reason   one phrase: why ("AGPL-3.0-only is forbidden", "LicenseRef-Proprietary is not a standard license")
     */
    public record Judgement(Verdict verdict, List<String> culprits, String reason) {
    }

    private final List<Entry> deny;
    private final List<Entry> review;
    private final List<Entry> allow;

    private record Entry(String text, LicenseCategory category, Pattern glob) {
        boolean exact() {
            return !text.contains("*") && !text.contains("?");
        }

        static Entry of(String text) {
            LicenseCategory c = LicenseCategory.byId(text.strip().toLowerCase(Locale.ROOT));
            Pattern p = c != null ? null : Pattern.compile(Globs.compile("/" + text.strip()).pattern(),
                    Pattern.CASE_INSENSITIVE);
            return new Entry(text.strip(), c, p);
        }
    }

    public static final List<String> DEFAULT_DENY = List.of("forbidden");
    public static final List<String> DEFAULT_REVIEW = List.of("restricted");
    public static final List<String> DEFAULT_ALLOW = List.of("reciprocal", "notice", "unencumbered");

    public LicenseJudge(List<String> deny, List<String> review, List<String> allow) {
        this.deny = deny.stream().map(Entry::of).toList();
        this.review = review.stream().map(Entry::of).toList();
        this.allow = allow.stream().map(Entry::of).toList();
    }

    public static LicenseJudge defaults() {
        return new LicenseJudge(DEFAULT_DENY, DEFAULT_REVIEW, DEFAULT_ALLOW);
    }

    public Judgement judge(SpdxExpression e) {
        return switch (e) {
            case SpdxExpression.License l -> judgeOne(l.toString(), l.id(), l.isReference(), null);
            case SpdxExpression.With w -> judgeOne(w.toString(), w.license().id(), w.license().isReference(),
                    w.license().id() + " WITH " + w.exception());
            case SpdxExpression.Or or -> combine(or.terms(), true);
            case SpdxExpression.And and -> combine(and.terms(), false);
        };
    }

    private Judgement combine(List<SpdxExpression> terms, boolean any) {
        Judgement chosen = null;
        List<String> culprits = new ArrayList<>();
        for (SpdxExpression t : terms) {
            Judgement j = judge(t);
            if (chosen == null || (any ? j.verdict().compareTo(chosen.verdict()) < 0
                    : j.verdict().compareTo(chosen.verdict()) > 0)) {
                chosen = j;
            }
        }
        if (chosen.verdict() == Verdict.ALLOW) {
            return chosen;
        }
        if (any) {
            // no branch allowed: every branch is a culprit, the reason names the best one
            for (SpdxExpression t : terms) {
                culprits.addAll(judge(t).culprits());
            }
            return new Judgement(chosen.verdict(), List.copyOf(culprits),
                    terms.size() > 1 ? "no alternative is allowed; the best, " + chosen.reason() : chosen.reason());
        }
        return chosen;
    }

    private Judgement judgeOne(String written, String id, boolean reference, String withText) {
        // exact entries ("GPL-2.0-only WITH Classpath-exception-2.0") before globs ("GPL-*"): the most specific wins
        for (boolean exact : new boolean[] {true, false}) {
            for (Verdict v : new Verdict[] {Verdict.DENY, Verdict.REVIEW, Verdict.ALLOW}) {
                for (Entry e : list(v)) {
                    if (e.glob() == null || e.exact() != exact) {
                        continue;
                    }
                    if (e.glob().matcher(id).matches() || e.glob().matcher(written).matches()
                            || (withText != null && e.glob().matcher(withText).matches())) {
                        return new Judgement(v, v == Verdict.ALLOW ? List.of() : List.of(written),
                                written + " is on the " + listName(v) + " list (" + e.text() + ")");
                    }
                }
            }
        }
        if (reference) {
            return new Judgement(Verdict.UNKNOWN, List.of(written), written + " is not a standard SPDX license");
        }
        LicenseCategory category = LicenseCategory.of(id);
        for (Verdict v : new Verdict[] {Verdict.DENY, Verdict.REVIEW, Verdict.ALLOW}) {
            for (Entry e : list(v)) {
                if (e.category() == category) {
                    return new Judgement(v, v == Verdict.ALLOW ? List.of() : List.of(written),
                            written + " is " + category.id() + " (on the " + listName(v) + " list)");
                }
            }
        }
        if (category == LicenseCategory.UNKNOWN) {
            return new Judgement(Verdict.UNKNOWN, List.of(written), written + " is in no known license category");
        }
        return new Judgement(Verdict.REVIEW, List.of(written), written + " (" + category.id()
                + ") is not on the allow list");
    }

    private List<Entry> list(Verdict v) {
        return switch (v) {
            case DENY -> deny;
            case REVIEW -> review;
            default -> allow;
        };
    }

    private static String listName(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }
}
