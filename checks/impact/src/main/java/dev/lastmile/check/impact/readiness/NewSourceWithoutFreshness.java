package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.check.impact.ImpactRule;
import dev.lastmile.core.model.Category;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Region;
import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.RelationMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IMP033: a source table the pull request adds without a freshness check, in a project whose other sources have one.
 * Where no source declares freshness the project has chosen not to monitor it, and the rule is quiet.
 */
final class NewSourceWithoutFreshness implements ImpactRule {

    static final RuleMeta META = new RuleMeta("IMP033", "impact.readiness.new_source_without_freshness",
            Category.READINESS, Severity.LOW,
            "A new source without freshness where the project checks the freshness of its other sources",
            "The project runs dbt source freshness to learn when a loader stops delivering. A new source without a "
                    + "freshness block is left out: when its feed stalls, the models on it keep building on old data "
                    + "and nothing says so.",
            "Give the source (or the table) a freshness block with a loaded_at_field, like the project's other "
                    + "sources; set freshness: null on the table to say it is deliberately not monitored.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public List<Finding> check(ImpactContext change) {
        if (!change.comparesRevisions() || change.base().isEmpty()) {
            return List.of();
        }
        DbtProject head = change.head().project();
        DbtProject base = change.base().get().project();
        Map<String, RelationMeta> sources = head.sources();
        List<String> monitored = sources.values().stream().filter(RelationMeta::freshness).map(RelationMeta::name).sorted().toList();
        if (monitored.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (RelationMeta s : sources.values().stream().sorted(java.util.Comparator.comparing(RelationMeta::name)).toList()) {
            if (s.freshness() || base.source(s.name()).isPresent() || explicitlyOff(change, s)) {
                continue;
            }
            Optional<ChangedFile> file = change.changedFile(s.file());
            if (file.isEmpty()) {
                continue;
            }
            String table = s.name().substring(s.name().indexOf('.') + 1);
            int line = Touched.lineOf(change.scan().readHead(s.file()),
                    "-\\s*name:\\s*['\"]?" + Pattern.quote(table) + "['\"]?\\s*$");
            boolean isNew = file.get().kind() == ChangedFile.Kind.ADDED || file.get().changedLines().overlaps(line, line);
            out.add(Finding.of(META, s.file(), Region.line(line), "New source `" + s.name() + "` has no freshness check, "
                            + "while " + monitored.size() + " other source table(s) have one (e.g. " + monitored.getFirst()
                            + "): a stalled feed would go unnoticed.")
                    .withStatus(isNew ? FindingStatus.NEW : FindingStatus.EXISTING)
                    .withFingerprintKey(META.id() + ":" + s.name()));
        }
        return out;
    }

    /** {@code freshness: null} in the table's own entry says it is deliberately not monitored. */
    private static boolean explicitlyOff(ImpactContext change, RelationMeta s) {
        Optional<String> text = change.scan().readHead(s.file());
        if (text.isEmpty()) {
            return false;
        }
        String table = s.name().substring(s.name().indexOf('.') + 1);
        int line = Touched.lineOf(text, "-\\s*name:\\s*['\"]?" + Pattern.quote(table) + "['\"]?\\s*$");
        String[] lines = text.get().split("\n", -1);
        int indent = indent(lines[line - 1]);
        for (int i = line; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isBlank() && indent(l) <= indent && l.strip().startsWith("-")) {
                break;
            }
            if (l.strip().matches("freshness:\\s*(null|~)?\\s*")) {
                return true;
            }
        }
        return false;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
