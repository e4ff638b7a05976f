package dev.lastmile.core.engine;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.util.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's redaction hook: every text field of every finding and every incomplete note of a check run goes
 * through the scan's {@link Redactor}. Paths, rule ids, fingerprints and line numbers are identities, not quotes,
 * and stay as they are.
 */
final class Redaction {

    private Redaction() {
    }

    static CheckRun apply(CheckRun run, Redactor redactor) {
        List<Finding> findings = run.findings().stream().map(f -> apply(f, redactor)).toList();
        List<String> notes = run.incomplete().stream().map(redactor::redact).toList();
        return new CheckRun(run.check(), run.checkRunName(), run.rules(), findings, run.filesScanned(), notes,
                run.startedAt(), run.durationMs());
    }

    static Finding apply(Finding f, Redactor redactor) {
        Map<String, String> properties = new LinkedHashMap<>();
        f.properties().forEach((k, v) -> properties.put(k, redactor.redact(v)));
        return new Finding(f.ruleId(), f.category(), f.severity(), redactor.redact(f.title()),
                redactor.redact(f.message()), f.path(), f.region(), redactor.redact(f.remediation()), f.check(),
                f.status(), f.fingerprint(), f.fingerprintKey(), properties);
    }
}
