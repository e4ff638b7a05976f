package dev.lastmile.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.provenance.AiGate;
import dev.lastmile.core.provenance.CommitProvenance;
import dev.lastmile.core.provenance.Evidence;
import dev.lastmile.core.provenance.Provenance;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shape of a change's provenance, one writer and one reader for the findings document and the run
 * document:
 * <pre>
 * "provenance": {"aiAuthored": true, "commits": [{"sha", "ai", "evidence": [{"kind", "tool", "detail"}]}],
 *                "gate": {"configured", "applied", "failOn", "reasons": [...], "requiredChecks": [...],
 *                         "missingChecks": [...], "requiredHumanApprovals"}}
 * </pre>
 * {@code gate} is absent when the policy has no {@code provenance.ai}.
 */
public final class ProvenanceJson {

    private ProvenanceJson() {
    }

    public static ObjectNode write(Provenance provenance, AiGate gate) {
        ObjectNode p = Json.object();
        p.put("aiAuthored", provenance.aiAuthored());
        ArrayNode commits = p.putArray("commits");
        for (CommitProvenance c : provenance.commits()) {
            ObjectNode n = commits.addObject();
            n.put("sha", c.sha());
            n.put("ai", c.ai());
            ArrayNode ev = n.putArray("evidence");
            for (Evidence e : c.evidence()) {
                ObjectNode o = ev.addObject();
                o.put("kind", e.kind().id());
                o.put("tool", e.tool());
                o.put("detail", e.detail());
            }
        }
        if (gate.configured()) {
            ObjectNode g = p.putObject("gate");
            g.put("configured", true);
            g.put("applied", gate.applied());
            g.put("failOn", gate.failOn() == null ? null : gate.failOn().id());
            gate.reasons().forEach(g.putArray("reasons")::add);
            gate.requiredChecks().forEach(g.putArray("requiredChecks")::add);
            gate.missingChecks().forEach(g.putArray("missingChecks")::add);
            g.put("requiredHumanApprovals", gate.requiredHumanApprovals());
        }
        return p;
    }

    /** Reads {@link #write}'s shape; a missing node (a document of an older build) is an unknown provenance. */
    public static Provenance provenance(JsonNode p) {
        List<CommitProvenance> commits = new ArrayList<>();
        for (JsonNode c : p.path("commits")) {
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode e : c.path("evidence")) {
                try {
                    evidence.add(new Evidence(Evidence.Kind.fromId(e.path("kind").asText()), e.path("tool").asText(""),
                            e.path("detail").asText("")));
                } catch (IllegalArgumentException unknownKind) {
                    // a kind a newer build knows: kept out rather than failing the whole document
                }
            }
            commits.add(new CommitProvenance(c.path("sha").asText(""), c.path("ai").asBoolean(false), evidence));
        }
        return new Provenance(p.path("aiAuthored").asBoolean(false), commits);
    }

    public static AiGate gate(JsonNode p) {
        JsonNode g = p.path("gate");
        if (!g.path("configured").asBoolean(false)) {
            return AiGate.off();
        }
        return new AiGate(true, g.path("applied").asBoolean(false),
                g.path("failOn").isTextual() ? Severity.parse(g.path("failOn").asText()) : null,
                strings(g.path("reasons")), strings(g.path("requiredChecks")), strings(g.path("missingChecks")),
                g.path("requiredHumanApprovals").asInt(0));
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
