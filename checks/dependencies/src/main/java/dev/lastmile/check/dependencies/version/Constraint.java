package dev.lastmile.check.dependencies.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint as the ecosystems write them: PEP 440 specifier lists ({@code >=2,<3}, {@code ~=1.4},
 * {@code ==1.*}), npm and Poetry ranges ({@code ^1.2.3}, {@code ~1.2}, {@code 1.x}, {@code 1.2 - 2.3},
 * {@code a || b}), Maven ranges ({@code [1.0,2.0)}) and dbt's lists. Used to pick the newest matching release, at
 * which an unpinned dependency is judged.
 */
public final class Constraint {

    private static final Pattern COMPARATOR = Pattern.compile("(\\^|~=|~|===|==|=|!=|<=|>=|<|>)?\\s*(v?[0-9A-Za-z.*+_-]+)");
    private static final Pattern MAVEN_RANGE = Pattern.compile("([\\[(])\\s*([^,\\])]*)\\s*(?:,\\s*([^\\])]*))?\\s*([\\])])");

    private final List<List<Predicate<String>>> alternatives;
    private final boolean allowsPrerelease;

    private Constraint(List<List<Predicate<String>>> alternatives, boolean allowsPrerelease) {
        this.alternatives = alternatives;
        this.allowsPrerelease = allowsPrerelease;
    }

    /** Parses {@code text}; empty when it is not a constraint this class understands. */
    public static Optional<Constraint> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 512) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            if (t.startsWith("[") || t.startsWith("(")) {
                return maven(t);
            }
            List<List<Predicate<String>>> alts = new ArrayList<>();
            for (String alt : t.split("\\|\\|")) {
                List<Predicate<String>> all = new ArrayList<>();
                String a = alt.strip();
                Matcher hyphen = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)").matcher(a);
                if (hyphen.matches()) {
                    String lo = hyphen.group(1);
                    String hi = hyphen.group(2);
                    all.add(v -> Versions.compare(v, lo) >= 0);
                    all.add(v -> Versions.compare(v, hi) <= 0);
                } else {
                    // operators may be separated from versions by spaces: ">= 1.0, < 2"
                    String joined = a.replaceAll("(\\^|~=|~|===|==|=|!=|<=|>=|<|>)\\s+", "$1");
                    for (String part : joined.split("[,\\s]+")) {
                        if (part.isEmpty()) {
                            continue;
                        }
                        Matcher m = COMPARATOR.matcher(part);
                        if (!m.matches()) {
                            return Optional.empty();
                        }
                        all.add(comparator(m.group(1) == null ? "" : m.group(1), m.group(2)));
                    }
                }
                if (all.isEmpty()) {
                    all.add(v -> true);
                }
                alts.add(all);
            }
            return Optional.of(new Constraint(alts, Versions.isPrerelease(t.replaceAll("[xX*]", "0"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean matches(String version) {
        if (!allowsPrerelease && Versions.isPrerelease(version)) {
            return false;
        }
        for (List<Predicate<String>> all : alternatives) {
            if (all.stream().allMatch(p -> p.test(version))) {
                return true;
            }
        }
        return false;
    }

    /** The newest of {@code versions} this constraint admits. */
    public Optional<String> newest(Collection<String> versions) {
        return versions.stream().filter(this::matches).max(Versions.ORDER);
    }

    private static Predicate<String> comparator(String op, String raw) {
        String version = raw.startsWith("v") && raw.length() > 1 && Character.isDigit(raw.charAt(1)) ? raw.substring(1) : raw;
        if (version.equals("*") || version.equalsIgnoreCase("x") || version.equals("latest")) {
            return v -> true;
        }
        List<Long> nums = numbers(version);
        boolean wildcard = version.matches(".*\\.(\\*|x|X)$") || (op.isEmpty() && nums.size() < 3 && !version.matches(".*[A-Za-z].*"));
        return switch (op) {
            case "^" -> caret(version, nums);
            case "~" -> between(version, bump(nums, nums.size() >= 2 ? 1 : 0));
            case "~=" -> between(version, bump(nums, Math.max(0, nums.size() - 2)));
            case ">=" -> v -> Versions.compare(v, version) >= 0;
            case ">" -> v -> Versions.compare(v, version) > 0;
            case "<=" -> v -> Versions.compare(v, version) <= 0;
            case "<" -> v -> Versions.compare(v, version) < 0;
            case "!=" -> wildcard ? v -> !prefixMatch(v, nums) : v -> Versions.compare(v, version) != 0;
            default -> wildcard ? v -> prefixMatch(v, nums) : v -> Versions.compare(v, version) == 0;
        };
    }

    private static Predicate<String> caret(String version, List<Long> nums) {
        int firstNonZero = 0;
        while (firstNonZero < nums.size() - 1 && nums.get(firstNonZero) == 0) {
            firstNonZero++;
        }
        return between(version, bump(nums, firstNonZero));
    }

    private static Predicate<String> between(String lowInclusive, String highExclusive) {
        return v -> Versions.compare(v, lowInclusive) >= 0 && Versions.compare(v, highExclusive) < 0;
    }

    /** The version with component {@code index} incremented and the rest dropped: bump([1,4,2], 1) = "1.5". */
    private static String bump(List<Long> nums, int index) {
        if (nums.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= Math.min(index, nums.size() - 1); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(i == index || i == nums.size() - 1 && index >= nums.size() ? nums.get(i) + 1 : nums.get(i));
        }
        return sb.toString();
    }

    private static boolean prefixMatch(String v, List<Long> prefix) {
        List<Long> n = numbers(v);
        for (int i = 0; i < prefix.size(); i++) {
            if (i >= n.size() ? prefix.get(i) != 0 : !n.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> numbers(String version) {
        List<Long> out = new ArrayList<>();
        for (String part : version.split("[.]")) {
            Matcher m = Pattern.compile("^([0-9]{1,18})").matcher(part);
            if (!m.find()) {
                break;
            }
            out.add(Long.parseLong(m.group(1)));
            if (m.end() < part.length()) {
                break;
            }
        }
        return out;
    }

    private static Optional<Constraint> maven(String t) {
        List<List<Predicate<String>>> alts = new ArrayList<>();
        Matcher m = MAVEN_RANGE.matcher(t);
        int end = 0;
        while (m.find()) {
            if (!t.substring(end, m.start()).replace(",", "").isBlank()) {
                return Optional.empty();
            }
            end = m.end();
            String lo = m.group(2).strip();
            String hi = m.group(3) == null ? null : m.group(3).strip();
            boolean loIncl = m.group(1).equals("[");
            boolean hiIncl = m.group(4).equals("]");
            List<Predicate<String>> all = new ArrayList<>();
            if (hi == null) {
                all.add(v -> Versions.compare(v, lo) == 0); // [1.0] means exactly 1.0
            } else {
                if (!lo.isEmpty()) {
                    all.add(v -> loIncl ? Versions.compare(v, lo) >= 0 : Versions.compare(v, lo) > 0);
                }
                if (!hi.isEmpty()) {
                    all.add(v -> hiIncl ? Versions.compare(v, hi) <= 0 : Versions.compare(v, hi) < 0);
                }
            }
            alts.add(all);
        }
        if (alts.isEmpty() || !t.substring(end).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Constraint(alts, false));
    }
}
