package dev.lastmile.check.sql.parse;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/** A changed schema.yml / sources.yml that is not valid YAML: its PII metadata cannot be used. Reported by SqlCheck. */
public final class UnreadableSchemaYaml {

    public static final RuleMeta META = new RuleMeta("SQL092", "sql.config.unreadable_schema_yaml", Category.CONFIG,
            Severity.LOW,
            "A dbt YAML file could not be read, so its column metadata is unknown",
            "PII flags live in schema.yml and sources.yml; when one does not parse, the PII rules fall back to name "
                    + "heuristics for its models and sources and may miss what the metadata declared.",
            "Fix the YAML (dbt parse reports the same error).");

    private UnreadableSchemaYaml() {
    }
}
