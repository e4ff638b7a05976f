package dev.lastmile.core.policy;

import dev.lastmile.core.model.Severity;
import dev.lastmile.core.provenance.AiSignatures;
import dev.lastmile.core.provenance.ProvenanceDetector;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.core.util.Globs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The policy's {@code provenance.ai} section: how findings on AI-authored lines are judged (docs/provenance.md).
 *
 * @param configured             true when the policy has a {@code provenance.ai} section (the stricter gate is on)
 * @param failOn                 the threshold for findings on AI-authored lines, or null to use the policy's
 * @param requireChecks          check families ({@code sql}, {@code secrets}, ...) that must have run on an
 *                               AI-authored change, else the gate fails
 * @param paths                  stricter thresholds for AI-authored lines under some paths, first match wins
 * @param requireHumanApprovals  approving reviews by people other than the author needed on GitHub (0: none); parsed
 *                               and carried here, enforced by the GitHub App
 * @param detect                 signatures the policy adds to lastmile's own list
 */
public record AiPolicy(boolean configured, Severity failOn, List<String> requireChecks, List<PathRule> paths,
                       int requireHumanApprovals, AiSignatures detect) {

    /** A stricter threshold for AI-authored lines under a glob. */
    public record PathRule(String glob, Pattern pattern, Severity failOn) {
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }

    public AiPolicy {
        requireChecks = List.copyOf(requireChecks);
        paths = List.copyOf(paths);
        detect = detect == null ? AiSignatures.none() : detect;
    }

    /** No {@code provenance.ai} section: AI authorship is detected and reported, and judged like any other line. */
    public static AiPolicy none() {
        return new AiPolicy(false, null, List.of(), List.of(), 0, AiSignatures.none());
    }

    /** lastmile's maintained signatures plus the policy's own. */
    public AiSignatures signatures() {
        return AiSignatures.builtIn().plus(detect);
    }

    /** The first path rule naming {@code path}, if any. */
    public Optional<PathRule> pathRule(String path) {
        return paths.stream().filter(r -> r.matches(path)).findFirst();
    }

    private static final Set<String> KEYS = Set.of("fail_on", "require_checks", "paths", "require_human_approvals", "detect");
    private static final Set<String> DETECT_KEYS = Set.of("trailers", "accounts", "markers", "labels");

    /** Reads {@code provenance:} (only {@code ai:} is known under it); errors name file, line and key. */
    static AiPolicy parse(PolicyNode provenance) {
        if (!provenance.isPresent()) {
            return none();
        }
        provenance.requireOnly(Set.of("ai"));
        PolicyNode ai = provenance.get("ai");
        if (!ai.isPresent()) {
            return none();
        }
        ai.requireOnly(KEYS);
        Severity failOn = ai.get("fail_on").asSeverity(null);
        Set<String> families = Arrays.stream(CheckFamily.values()).map(CheckFamily::check)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> require = new ArrayList<>();
        for (PolicyNode c : ai.get("require_checks").elements()) {
            String name = c.asString().trim();
            if (!families.contains(name)) {
                throw c.error("unknown check '" + name + "' (known: " + String.join(", ", families) + ")");
            }
            if (!require.contains(name)) {
                require.add(name);
            }
        }
        List<PathRule> paths = new ArrayList<>();
        for (var e : ai.get("paths").entries().entrySet()) {
            String glob = e.getKey().trim();
            PolicyNode rule = e.getValue();
            if (glob.isEmpty()) {
                throw rule.error("a path glob must not be empty");
            }
            Pattern p;
            try {
                p = Globs.compile(glob);
            } catch (IllegalArgumentException ex) {
                throw rule.error(ex.getMessage());
            }
            rule.requireOnly(Set.of("fail_on"));
            Severity s = rule.get("fail_on").asSeverity(null);
            if (s == null) {
                throw rule.error("a path rule needs fail_on (info, low, medium, high or critical)");
            }
            paths.add(new PathRule(glob, p, s));
        }
        int approvals = ai.get("require_human_approvals").asInt(0, 0, 10);
        return new AiPolicy(true, failOn, require, paths, approvals, detect(ai.get("detect")));
    }

    /**
     * The policy's own signatures, in short form: {@code trailers: ["Co-authored-by: Acme AI <ai@acme.dev>"]}
     * (the key and the e-mail address must match), {@code accounts: ["acme-ai[bot]", "ai@acme.dev"]} (a login, or an
     * e-mail address), {@code markers: ["[acme-ai]"]} (a message line starting with it), {@code labels: ["ai"]}.
     */
    private static AiSignatures detect(PolicyNode detect) {
        if (!detect.isPresent()) {
            return AiSignatures.none();
        }
        detect.requireOnly(DETECT_KEYS);
        List<AiSignatures.IdentityRule> trailers = new ArrayList<>();
        for (PolicyNode t : detect.get("trailers").elements()) {
            String line = t.asString().trim();
            int colon = line.indexOf(':');
            var id = colon > 0 ? ProvenanceDetector.parseIdentity(line.substring(colon + 1).trim()) : Optional.<dev.lastmile.core.source.CommitInfo.Identity>empty();
            if (id.isEmpty() || id.get().email().isEmpty()) {
                throw t.error("a trailer is written 'Key: Name <e-mail>' (e.g. 'Co-authored-by: Acme AI <ai@acme.dev>')");
            }
            trailers.add(new AiSignatures.IdentityRule(id.get().name(), line.substring(0, colon).trim(),
                    id.get().email(), "", "", null));
        }
        List<AiSignatures.IdentityRule> accounts = new ArrayList<>();
        for (PolicyNode a : detect.get("accounts").elements()) {
            String v = a.asString().trim();
            if (v.isEmpty()) {
                throw a.error("an account must not be empty");
            }
            accounts.add(v.contains("@") ? new AiSignatures.IdentityRule(v, "", v, "", "", null)
                    : new AiSignatures.IdentityRule(v, "", "", "", v, null));
        }
        List<AiSignatures.Marker> markers = new ArrayList<>();
        for (PolicyNode m : detect.get("markers").elements()) {
            String v = m.asString().trim();
            if (v.length() < 3) {
                throw m.error("a marker needs at least 3 characters, or it would match people's messages");
            }
            markers.add(new AiSignatures.Marker("", v, false));
        }
        List<AiSignatures.Label> labels = new ArrayList<>();
        for (PolicyNode l : detect.get("labels").elements()) {
            String v = l.asString().trim();
            if (v.isEmpty()) {
                throw l.error("a label must not be empty");
            }
            labels.add(new AiSignatures.Label("", v));
        }
        return new AiSignatures(trailers, accounts, markers, labels, List.of(), List.of());
    }
}
