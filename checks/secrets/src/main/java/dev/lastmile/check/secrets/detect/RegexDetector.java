package dev.lastmile.check.secrets.detect;

import dev.lastmile.core.model.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector that is one regular expression: group {@code secretGroup} is the secret, which must reach
 * {@code minEntropy} bits per character and pass none of the allowlist patterns (documented example keys, values
 * made of one repeated character).
 */
public record RegexDetector(String id, RuleMeta rule, String description, List<String> keywords, Pattern pattern,
                            int secretGroup, double minEntropy, List<Pattern> allowlist, String label,
                            Predicate<String> validator, int priority) implements Detector {

    public RegexDetector {
        keywords = List.copyOf(keywords);
        allowlist = List.copyOf(allowlist);
        validator = validator == null ? v -> true : validator;
    }

    /** Allowlisted everywhere: AWS's and others' documented sample keys end in EXAMPLE. */
    public static final Pattern EXAMPLE = Pattern.compile("(?i).*example.*");

    @Override
    public List<Match> find(String text) {
        List<Match> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String value = m.group(secretGroup);
            if (value == null) {
                continue;
            }
            if (Entropy.shannon(value) < minEntropy || !validator.test(value)) {
                continue;
            }
            boolean allowed = false;
            for (Pattern a : allowlist) {
                if (a.matcher(value).matches()) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                out.add(new Match(m.start(secretGroup), m.end(secretGroup), value, label));
            }
        }
        return out;
    }
}
