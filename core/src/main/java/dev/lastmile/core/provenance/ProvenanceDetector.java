package dev.lastmile.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.source.CommitInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, from data ({@link AiSignatures}), whether one commit is AI-authored and why. A commit is AI-authored only
 * on positive evidence; a person's plain commit never is. Pure: the engine feeds it the source's commit metadata.
 */
public final class ProvenanceDetector {

    private static final Pattern IDENTITY = Pattern.compile("(.*?)\\s*<([^<>]*)>\\s*");
    /** A git-ai attestation line: indented, a session hash, then line ranges ({@code   a1b2c3 1-10,15}). */
    private static final Pattern ATTESTATION = Pattern.compile("\\s+\\S+\\s+[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*\\s*");

    private final AiSignatures signatures;

    public ProvenanceDetector(AiSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * One commit's provenance.
     *
     * @param info   the commit's metadata
     * @param labels the pull request's labels (they mark every commit of it)
     * @param extra  evidence found elsewhere for this commit (Agent Trace records of the change)
     */
    public CommitProvenance detect(CommitInfo info, List<String> labels, List<Evidence> extra) {
        Set<Evidence> evidence = new LinkedHashSet<>();
        for (Trailers.Trailer t : Trailers.parse(info.message())) {
            parseIdentity(t.value()).flatMap(id -> signatures.trailer(t.key(), id))
                    .ifPresent(rule -> evidence.add(new Evidence(Evidence.Kind.TRAILER, rule.tool(), t.line())));
        }
        signatures.account(info.author()).ifPresent(rule ->
                evidence.add(new Evidence(Evidence.Kind.AUTHOR, rule.tool(), "author " + describe(info.author()))));
        signatures.account(info.committer()).ifPresent(rule ->
                evidence.add(new Evidence(Evidence.Kind.COMMITTER, rule.tool(), "committer " + describe(info.committer()))));
        marker(info.message(), evidence);
        for (String label : labels) {
            signatures.label(label).ifPresent(l -> evidence.add(new Evidence(Evidence.Kind.LABEL, l.tool(), "label " + label.trim())));
        }
        for (String ref : signatures.notesRefs()) {
            String note = info.notes().get(ref);
            if (note != null) {
                gitAiNote(ref, note).ifPresent(evidence::add);
            }
        }
        evidence.addAll(extra);
        return new CommitProvenance(info.sha(), !evidence.isEmpty(), List.copyOf(evidence));
    }

    private void marker(String message, Set<Evidence> evidence) {
        String[] lines = message.replace("\r\n", "\n").split("\n", -1);
        for (AiSignatures.Marker m : signatures.markers()) {
            if (m.text().isEmpty()) {
                continue;
            }
            boolean hit = false;
            if (m.subjectStart()) {
                hit = lines[0].strip().toLowerCase(Locale.ROOT).startsWith(m.text().toLowerCase(Locale.ROOT));
            } else {
                for (String line : lines) {
                    String l = line.strip();
                    // a quoted line ("> ...") or an indented example is someone else's text, not this commit's mark
                    if (!line.startsWith(" ") && !line.startsWith("\t") && !l.startsWith(">") && l.startsWith(m.text())) {
                        hit = true;
                        break;
                    }
                }
            }
            if (hit) {
                evidence.add(new Evidence(Evidence.Kind.MESSAGE, m.tool(), "message: " + m.text()));
            }
        }
    }

    /** {@code Name <email>} as a trailer writes it; empty when it is not that shape. */
    public static java.util.Optional<CommitInfo.Identity> parseIdentity(String value) {
        Matcher m = IDENTITY.matcher(value);
        return m.matches() ? java.util.Optional.of(CommitInfo.Identity.of(m.group(1).strip(), m.group(2).strip()))
                : java.util.Optional.empty();
    }

    private static String describe(CommitInfo.Identity id) {
        String who = id.name() + " <" + id.email() + ">";
        return id.login().isEmpty() ? who : who + " (@" + id.login() + ")";
    }

    /**
     * A git-ai authorship log ({@code path} lines, indented {@code <session> <ranges>} attestations, {@code ---},
     * then JSON metadata naming each session's {@code agent_id.tool}): evidence when it attests at least one range.
     */
    static java.util.Optional<Evidence> gitAiNote(String ref, String note) {
        String text = note.replace("\r\n", "\n");
        int sep = text.indexOf("\n---");
        String attestations = sep >= 0 ? text.substring(0, sep) : text;
        int ranges = 0;
        Set<String> files = new LinkedHashSet<>();
        String file = null;
        for (String line : attestations.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                file = line.strip();
            } else if (file != null && ATTESTATION.matcher(line).matches()) {
                ranges++;
                files.add(file);
            }
        }
        if (ranges == 0) {
            return java.util.Optional.empty(); // git-ai wrote a log with nothing attested: a person's commit
        }
        Set<String> tools = new LinkedHashSet<>();
        if (sep >= 0) {
            try {
                JsonNode meta = dev.lastmile.core.output.Json.parse(text.substring(sep + 4).strip());
                meta.path("prompts").forEach(p -> {
                    String tool = p.path("agent_id").path("tool").asText("");
                    if (!tool.isEmpty()) {
                        tools.add(tool);
                    }
                });
            } catch (IllegalArgumentException e) {
                // metadata we cannot read: the attested ranges still say AI, the tool stays unknown
            }
        }
        return java.util.Optional.of(new Evidence(Evidence.Kind.GIT_NOTE, String.join(", ", tools),
                ref + ": git-ai log attests " + ranges + " range(s) in " + files.size() + " file(s)"));
    }

    /**
     * The AI contributions an Agent Trace file (one JSON record, or JSON Lines of records) declares.
     *
     * @return one entry per record with an AI contributor: the revision it names (or empty) and the evidence
     */
    public static List<TraceEvidence> agentTrace(String path, String text) {
        List<JsonNode> records = new ArrayList<>();
        String t = text.strip();
        try {
            if (t.startsWith("{") && !t.contains("\n{")) {
                records.add(dev.lastmile.core.output.Json.parse(t));
            } else if (t.startsWith("[")) {
                dev.lastmile.core.output.Json.parse(t).forEach(records::add);
            } else {
                for (String line : t.split("\n")) {
                    if (line.strip().startsWith("{")) {
                        records.add(dev.lastmile.core.output.Json.parse(line.strip()));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of(); // not Agent Trace JSON: nothing is claimed on its strength
        }
        List<TraceEvidence> out = new ArrayList<>();
        for (JsonNode r : records) {
            int ranges = 0;
            Set<String> models = new LinkedHashSet<>();
            for (JsonNode file : r.path("files")) {
                for (JsonNode conv : file.path("conversations")) {
                    boolean convAi = isAi(conv.path("contributor"));
                    for (JsonNode range : conv.path("ranges")) {
                        boolean ai = range.has("contributor") ? isAi(range.path("contributor")) : convAi;
                        if (ai) {
                            ranges++;
                            String model = range.path("contributor").path("model_id")
                                    .asText(conv.path("contributor").path("model_id").asText(""));
                            if (!model.isEmpty()) {
                                models.add(model);
                            }
                        }
                    }
                }
            }
            if (ranges > 0) {
                String tool = r.path("tool").path("name").asText("");
                String revision = r.path("vcs").path("revision").asText("");
                out.add(new TraceEvidence(revision, new Evidence(Evidence.Kind.AGENT_TRACE, tool,
                        path + ": " + ranges + " AI-attributed range(s)" + (models.isEmpty() ? "" : " (" + String.join(", ", models) + ")"))));
            }
        }
        return out;
    }

    private static boolean isAi(JsonNode contributor) {
        return contributor.path("type").asText("").equalsIgnoreCase("ai");
    }

    /** An Agent Trace record's claim: the revision it names (may be empty) and the evidence. */
    public record TraceEvidence(String revision, Evidence evidence) {
    }
}
