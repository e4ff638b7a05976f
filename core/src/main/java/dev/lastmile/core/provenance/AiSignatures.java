package dev.lastmile.core.provenance;

import dev.lastmile.core.source.CommitInfo;
import dev.lastmile.core.util.Globs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The data that says a commit is AI-authored: trailers, accounts, message markers, pull request labels, Agent Trace
 * paths and git-ai notes refs. lastmile's maintained list is {@code ai-signatures.yml} beside this class; a policy
 * adds entries under {@code provenance.ai.detect} ({@link #plus}). Matching is exact on e-mail addresses and logins
 * (a name alone never makes a commit AI-authored).
 */
public final class AiSignatures {

    private static final String RESOURCE = "ai-signatures.yml";
    /** {@code 12345+login@users.noreply.github.com} or {@code login@users.noreply.github.com}. */
    private static final Pattern NOREPLY = Pattern.compile("(?i)(?:[0-9]+\\+)?([^@+]+)@users\\.noreply\\.github\\.com");

    /** An identity matcher: every field given must match. */
    public record IdentityRule(String tool, String key, String email, String emailSuffix, String login,
                               Pattern namePattern) {
        public IdentityRule {
            tool = Objects.requireNonNullElse(tool, "");
            key = Objects.requireNonNullElse(key, "");
            email = Objects.requireNonNullElse(email, "");
            emailSuffix = Objects.requireNonNullElse(emailSuffix, "");
            login = Objects.requireNonNullElse(login, "");
        }

        boolean matches(CommitInfo.Identity id) {
            if (email.isEmpty() && emailSuffix.isEmpty() && login.isEmpty() && namePattern == null) {
                return false;
            }
            String mail = id.email().trim();
            if (!email.isEmpty() && !email.equalsIgnoreCase(mail)) {
                return false;
            }
            if (!emailSuffix.isEmpty() && !mail.toLowerCase(Locale.ROOT).endsWith(emailSuffix.toLowerCase(Locale.ROOT))) {
                return false;
            }
            if (!login.isEmpty() && !loginsOf(id).contains(login.toLowerCase(Locale.ROOT))) {
                return false;
            }
            return namePattern == null || namePattern.matcher(id.name().trim()).matches();
        }
    }

    /** Text in a commit message; {@code subjectStart} or else the start of any unquoted line. */
    public record Marker(String tool, String text, boolean subjectStart) {
    }

    /** A pull request label. */
    public record Label(String tool, String name) {
    }

    private static volatile AiSignatures builtIn;

    private final List<IdentityRule> trailers;
    private final List<IdentityRule> accounts;
    private final List<Marker> markers;
    private final List<Label> labels;
    private final List<String> agentTraceGlobs;
    private final List<Pattern> agentTracePaths;
    private final List<String> notesRefs;

    public AiSignatures(List<IdentityRule> trailers, List<IdentityRule> accounts, List<Marker> markers,
                        List<Label> labels, List<String> agentTraceGlobs, List<String> notesRefs) {
        this.trailers = List.copyOf(trailers);
        this.accounts = List.copyOf(accounts);
        this.markers = List.copyOf(markers);
        this.labels = List.copyOf(labels);
        this.agentTraceGlobs = List.copyOf(agentTraceGlobs);
        this.agentTracePaths = agentTraceGlobs.stream().map(Globs::compile).toList();
        this.notesRefs = List.copyOf(notesRefs);
    }

    /** lastmile's maintained list. */
    public static AiSignatures builtIn() {
        AiSignatures s = builtIn;
        if (s == null) {
            try (InputStream in = AiSignatures.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                s = parse(new Yaml(new LoaderOptions()).load(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = s;
        }
        return s;
    }

    /** These signatures and the other's, both applied. */
    public AiSignatures plus(AiSignatures other) {
        return new AiSignatures(concat(trailers, other.trailers), concat(accounts, other.accounts),
                concat(markers, other.markers), concat(labels, other.labels),
                concat(agentTraceGlobs, other.agentTraceGlobs), concat(notesRefs, other.notesRefs));
    }

    /** No signatures: what a policy that adds nothing contributes. */
    public static AiSignatures none() {
        return new AiSignatures(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @SuppressWarnings("unchecked")
    static AiSignatures parse(Object doc) {
        Map<String, Object> root = doc instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<IdentityRule> trailers = new ArrayList<>();
        for (Map<String, Object> e : maps(root.get("trailers"))) {
            trailers.add(identity(e));
        }
        List<IdentityRule> accounts = new ArrayList<>();
        for (Map<String, Object> e : maps(root.get("accounts"))) {
            accounts.add(identity(e));
        }
        List<Marker> markers = new ArrayList<>();
        for (Map<String, Object> e : maps(root.get("markers"))) {
            markers.add(new Marker(str(e.get("tool")), str(e.get("text")), "subject-start".equals(str(e.get("where")))));
        }
        List<Label> labels = new ArrayList<>();
        for (Map<String, Object> e : maps(root.get("labels"))) {
            labels.add(new Label(str(e.get("tool")), str(e.get("name"))));
        }
        Map<String, Object> trace = root.get("agentTrace") instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
        Map<String, Object> notes = root.get("gitNotes") instanceof Map<?, ?> n ? (Map<String, Object>) n : Map.of();
        return new AiSignatures(trailers, accounts, markers, labels, strings(trace.get("paths")), strings(notes.get("refs")));
    }

    private static IdentityRule identity(Map<String, Object> e) {
        String name = str(e.get("namePattern"));
        return new IdentityRule(str(e.get("tool")), str(e.get("key")), str(e.get("email")), str(e.get("emailSuffix")),
                str(e.get("login")), name.isEmpty() ? null : Pattern.compile(name, Pattern.CASE_INSENSITIVE));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            list.forEach(e -> out.add(String.valueOf(e)));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** The logins an identity names: its own, and the one a {@code users.noreply.github.com} address carries. */
    static List<String> loginsOf(CommitInfo.Identity id) {
        List<String> out = new ArrayList<>();
        if (!id.login().isEmpty()) {
            out.add(id.login().toLowerCase(Locale.ROOT));
        }
        Matcher m = NOREPLY.matcher(id.email().trim());
        if (m.matches()) {
            out.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The first trailer rule that names this trailer ({@code key}, identity), if any. */
    public Optional<IdentityRule> trailer(String key, CommitInfo.Identity identity) {
        return trailers.stream().filter(r -> r.key().equalsIgnoreCase(key) && r.matches(identity)).findFirst();
    }

    /** The first account rule that names this author or committer, if any. */
    public Optional<IdentityRule> account(CommitInfo.Identity identity) {
        return accounts.stream().filter(r -> r.matches(identity)).findFirst();
    }

    public List<Marker> markers() {
        return markers;
    }

    /** The label rule naming this label (case-insensitive), if any. */
    public Optional<Label> label(String name) {
        return labels.stream().filter(l -> l.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Whether a path holds Agent Trace records. */
    public boolean isAgentTrace(String path) {
        return Globs.anyMatch(agentTracePaths, path);
    }

    /** The notes refs read as git-ai authorship logs. */
    public List<String> notesRefs() {
        return notesRefs;
    }
}
