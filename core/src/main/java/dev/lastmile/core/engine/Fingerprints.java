package dev.lastmile.core.engine;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.util.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stable finding identities. A fingerprint hashes the rule, the path, and what the finding is about: the check's own
 * key when it gave one (a secret's keyed hash, a package name), else the whitespace-normalised text of the finding's
 * first line. Line numbers are left out on purpose, so adding lines above a finding does not make it "new" again.
 * Identical findings in one file are told apart by their order of occurrence.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** Assigns fingerprints to findings of one check run; {@code lineText} returns a file's line (1-based) or "". */
    public static List<Finding> assign(List<Finding> findings, LineLookup lineText) {
        Map<String, Integer> occurrences = new HashMap<>();
        return findings.stream().map(f -> {
            String content = f.fingerprintKey() != null ? "key:" + f.fingerprintKey()
                    : "line:" + Texts.normalizeWhitespace(lineText.line(f.path(), f.line()));
            String base = sha256Hex(f.ruleId() + "\u0000" + f.path() + "\u0000" + content);
            int n = occurrences.merge(base, 1, Integer::sum);
            return f.withFingerprint(base.substring(0, 32) + (n > 1 ? ":" + n : ""));
        }).toList();
    }

    /** The SARIF {@code primaryLocationLineHash}: the content hash plus the occurrence counter GitHub expects. */
    public static String primaryLocationLineHash(Finding f) {
        String fp = f.fingerprint() == null ? "" : f.fingerprint();
        int colon = fp.indexOf(':');
        String hash = colon < 0 ? fp : fp.substring(0, colon);
        String n = colon < 0 ? "1" : fp.substring(colon + 1);
        return hash.substring(0, Math.min(16, hash.length())) + ":" + n;
    }

    public static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Reads line {@code n} of a file at head. */
    @FunctionalInterface
    public interface LineLookup {
        String line(String path, int n);

        static LineLookup of(Function<String, List<String>> linesOf) {
            return (path, n) -> {
                List<String> lines = linesOf.apply(path);
                return lines != null && n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
            };
        }
    }
}
