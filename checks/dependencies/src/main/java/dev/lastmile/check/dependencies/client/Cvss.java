package dev.lastmile.check.dependencies.client;

import dev.lastmile.core.model.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** CVSS v3.0/v3.1 base score from a vector string (FIRST's specification, section 7.1), and its rating. */
public final class Cvss {

    private Cvss() {
    }

    /** The base score of {@code vector}, or empty when it is not a complete CVSS v3 vector. */
    public static Optional<Double> baseScore(String vector) {
        if (vector == null || !vector.startsWith("CVSS:3.")) {
            return Optional.empty();
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                m.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        try {
            boolean changed = "C".equals(m.get("S"));
            if (!"C".equals(m.get("S")) && !"U".equals(m.get("S"))) {
                return Optional.empty();
            }
            double av = switch (m.get("AV")) { case "N" -> 0.85; case "A" -> 0.62; case "L" -> 0.55; case "P" -> 0.2;
                default -> throw new IllegalArgumentException(); };
            double ac = switch (m.get("AC")) { case "L" -> 0.77; case "H" -> 0.44;
                default -> throw new IllegalArgumentException(); };
            double pr = switch (m.get("PR")) { case "N" -> 0.85; case "L" -> changed ? 0.68 : 0.62;
                case "H" -> changed ? 0.5 : 0.27; default -> throw new IllegalArgumentException(); };
            double ui = switch (m.get("UI")) { case "N" -> 0.85; case "R" -> 0.62;
                default -> throw new IllegalArgumentException(); };
            double iss = 1 - (1 - cia(m.get("C"))) * (1 - cia(m.get("I"))) * (1 - cia(m.get("A")));
            double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
            double exploitability = 8.22 * av * ac * pr * ui;
            if (impact <= 0) {
                return Optional.of(0.0);
            }
            double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
            return Optional.of(roundUp(raw));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double cia(String v) {
        return switch (v) {
            case "H" -> 0.56;
            case "L" -> 0.22;
            case "N" -> 0.0;
            default -> throw new IllegalArgumentException();
        };
    }

    /** CVSS v3.1's Roundup: the smallest one-decimal number not below the input, free of floating-point noise. */
    static double roundUp(double d) {
        long i = Math.round(d * 100000);
        return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
    }

    /** The qualitative rating: low below 4, medium below 7, high below 9, critical from 9. */
    public static Severity rating(double score) {
        if (score >= 9.0) {
            return Severity.CRITICAL;
        }
        if (score >= 7.0) {
            return Severity.HIGH;
        }
        if (score >= 4.0) {
            return Severity.MEDIUM;
        }
        return score > 0 ? Severity.LOW : Severity.INFO;
    }
}
