package dev.lastmile.check.secrets.rules;

import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;

/** A structured file (JSON, notebook, TOML, YAML) that does not parse; it was still read line by line. */
public final class UnparsableFile {

    public static final RuleMeta META = new RuleMeta(
            "SEC090", "secrets.unparsable_file", Category.PARSE, Severity.INFO,
            "File could not be parsed; scanned line by line instead",
            "The credentials check reads keys through each format's structure. A file that does not parse was read "
                    + "as plain lines, which finds the same provider keys and most key-value pairs but can miss "
                    + "values nested in its structure.",
            "Fix the syntax error at the reported line; the tools that read this file will fail on it too.");

    private UnparsableFile() {
    }
}
