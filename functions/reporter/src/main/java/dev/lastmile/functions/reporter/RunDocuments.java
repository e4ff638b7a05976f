package dev.lastmile.functions.reporter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.output.Json;
import dev.lastmile.core.scan.ScanMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads back the run documents the check functions stored ({@code FindingsStore.runDocument}). */
final class RunDocuments {

    /** One stored run with the scan facts the reporter needs beside it. */
    record StoredRun(CheckRun run, Severity failOn, ScanMode mode, String policySource, boolean policyChanged) {
        List<Finding> failing() {
            return run.failing(failOn, mode == ScanMode.FULL);
        }
    }

    private RunDocuments() {
    }

    static StoredRun read(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        doc.path("findings").forEach(f -> findings.add(Json.finding(f)));
        List<String> incomplete = new ArrayList<>();
        doc.path("incomplete").forEach(i -> incomplete.add(i.asText()));
        Instant started;
        try {
            started = Instant.parse(doc.path("startedAt").asText());
        } catch (DateTimeParseException e) {
            started = Instant.EPOCH;
        }
        CheckRun run = new CheckRun(doc.path("check").asText(), doc.path("checkRunName").asText("lastmile/" + doc.path("check").asText()),
                List.of(), findings, doc.path("filesScanned").asInt(), incomplete, started, doc.path("durationMs").asLong());
        ScanMode mode = doc.path("mode").asText("pull-request").equals("full") ? ScanMode.FULL : ScanMode.PULL_REQUEST;
        return new StoredRun(run, Severity.parse(doc.path("failOn").asText("high")), mode,
                doc.path("policySource").asText("defaults"), doc.path("policyChanged").asBoolean(false));
    }
}
