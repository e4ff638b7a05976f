package dev.lastmile.check.dependencies.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.Package;
import dev.lastmile.check.dependencies.version.Versions;
import dev.lastmile.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of an OSV record a finding needs.
 *
 * @param id           the OSV id ({@code GHSA-...}, {@code PYSEC-...})
 * @param aliases      other ids of the same problem ({@code CVE-...})
 * @param summary      one line, when the record has one
 * @param severity     from the CVSS v3 vector when there is one, else the database's own rating, else medium
 * @param severityNote how the severity was decided ("CVSS 9.8", "GitHub rating HIGH", "no rating: assumed medium")
 * @param record       the full record, to find the fixed versions for a given package
 */
public record Advisory(String id, List<String> aliases, String summary, Severity severity, String severityNote,
                       JsonNode record) {

    public static Advisory from(JsonNode r) {
        List<String> aliases = new ArrayList<>();
        r.path("aliases").forEach(a -> aliases.add(a.asText()));
        Severity severity = null;
        String note = null;
        double best = -1;
        for (JsonNode s : r.path("severity")) {
            Optional<Double> score = Cvss.baseScore(s.path("score").asText(""));
            if (score.isPresent() && score.get() > best) {
                best = score.get();
            }
        }
        if (best >= 0) {
            severity = Cvss.rating(best);
            note = "CVSS " + best;
        } else {
            String db = r.path("database_specific").path("severity").asText("");
            severity = switch (db.toUpperCase(Locale.ROOT)) {
                case "CRITICAL" -> Severity.CRITICAL;
                case "HIGH" -> Severity.HIGH;
                case "MODERATE", "MEDIUM" -> Severity.MEDIUM;
                case "LOW" -> Severity.LOW;
                default -> null;
            };
            note = severity != null ? "database rating " + db : null;
        }
        if (severity == null) {
            severity = Severity.MEDIUM;
            note = "no rating in the record: assumed medium";
        }
        String summary = r.path("summary").asText("");
        if (summary.isBlank()) {
            String details = r.path("details").asText("");
            int end = details.indexOf('\n');
            summary = end > 0 ? details.substring(0, end) : details;
            if (summary.length() > 200) {
                summary = summary.substring(0, 197) + "...";
            }
        }
        return new Advisory(r.path("id").asText(), List.copyOf(aliases), summary.strip(), severity, note, r);
    }

    /** The CVE alias when there is one (people search for those), else the OSV id. */
    public String displayId() {
        for (String a : aliases) {
            if (a.startsWith("CVE-")) {
                return a + " (" + id + ")";
            }
        }
        return id;
    }

    /**
     * The lowest version that fixes this advisory for {@code pkg} and is above its version: the version to move to.
     * Empty when the record names no fix.
     */
    public Optional<String> fixedVersionFor(Package pkg, String installed) {
        List<String> fixes = new ArrayList<>();
        for (JsonNode affected : record.path("affected")) {
            JsonNode p = affected.path("package");
            if (!matches(pkg, p.path("ecosystem").asText(), p.path("name").asText())) {
                continue;
            }
            for (JsonNode range : affected.path("ranges")) {
                if (range.path("type").asText().equals("GIT")) {
                    continue;
                }
                for (JsonNode event : range.path("events")) {
                    if (event.has("fixed")) {
                        fixes.add(event.path("fixed").asText());
                    }
                }
            }
        }
        String current = installed == null ? "0" : stripV(installed);
        return fixes.stream().filter(f -> Versions.compare(stripV(f), current) > 0).min(Versions.ORDER);
    }

    private static boolean matches(Package pkg, String ecosystem, String name) {
        if (pkg.ecosystem().osvName().filter(e -> e.equals(ecosystem.split(":")[0])).isEmpty()) {
            return false;
        }
        return Package.normalizeName(pkg.ecosystem(), name).equals(pkg.normalizedName())
                || (pkg.ecosystem() == Ecosystem.MAVEN && name.equals(pkg.name()));
    }

    private static String stripV(String v) {
        return v.startsWith("v") ? v.substring(1) : v;
    }
}
