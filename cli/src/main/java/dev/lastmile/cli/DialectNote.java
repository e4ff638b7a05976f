package dev.lastmile.cli;

import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.DbtSettings;
import dev.lastmile.dbt.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The text report's line on the SQL dialect each project was read in, and why ({@link DbtProject#dialectReason()}:
 * the policy's {@code sql.dialect}, the profile target's adapter, or what was inferred from the files). A dialect
 * read wrongly makes whole files unreadable, so the user sees which one was taken, once per project.
 */
final class DialectNote {

    private DialectNote() {
    }

    /** One line per project read by the SQL check, or nothing when it did not run. */
    static String text(RepositorySource source, ScanResult result) {
        boolean sqlRan = result.runs().stream().map(CheckRun::check).anyMatch("sql"::equals);
        if (!sqlRan) {
            return "";
        }
        try {
            String revision = result.head();
            List<String> paths = source.files(revision);
            ProjectFiles files = new ProjectFiles() {
                @Override
                public List<String> files() {
                    return paths;
                }

                @Override
                public Optional<String> read(String path) {
                    return source.read(revision, path).map(b -> new String(b, StandardCharsets.UTF_8));
                }
            };
            DbtProject project = DbtProject.load(files, DbtSettings.from(result.policy()).dialect());
            if (project.dialectReason().isBlank()) {
                return "";
            }
            String what = project.isDbt()
                    ? "dbt project " + (project.name().isEmpty() ? "" : "'" + project.name() + "' ")
                            + "(" + (project.root().isEmpty() ? "./" : project.root()) + ")"
                    : "SQL files";
            return "\n" + what + " read as " + project.dialect().id() + ": " + Main.oneLine(project.dialectReason()) + "\n";
        } catch (RuntimeException e) {
            return ""; // the scan itself already reported what it could not read
        }
    }
}
