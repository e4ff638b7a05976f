package dev.lastmile.check.impact.readiness;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.util.Globs;
import dev.lastmile.dbt.DbtProject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models a readiness rule judges: only those a pull request adds or changes, so turning lastmile on over a large
 * project reports nothing about the models nobody touched. A full scan has no change and judges nothing.
 */
final class Touched {

    /** A model file of the change at head. */
    record Model(String path, String name, ChangedFile change) {

        boolean added() {
            return change.kind() == ChangedFile.Kind.ADDED;
        }
    }

    private Touched() {
    }

    /** The model files the change adds ({@code addedOnly}) or adds, modifies or renames. */
    static List<Model> models(ImpactContext change, boolean addedOnly) {
        List<Model> out = new ArrayList<>();
        if (!change.comparesRevisions()) {
            return out;
        }
        DbtProject head = change.head().project();
        if (!head.isDbt()) {
            return out;
        }
        for (ChangedFile f : change.changedFiles()) {
            if (f.isDeleted() || !f.path().endsWith(".sql") || !head.isModel(f.path()) || isSnapshotOrSeed(f.path())) {
                continue;
            }
            if (!addedOnly || f.kind() == ChangedFile.Kind.ADDED) {
                out.add(new Model(f.path(), DbtProject.modelName(f.path()), f));
            }
        }
        return out;
    }

    /**
     * A final model: one the policy's {@code impact.final_models} globs name; by default one in a {@code marts}
     * (or {@code mart}) folder, or one an exposure depends on.
     */
    static boolean isFinal(ImpactContext change, Model m) {
        if (!change.policy().finalModels().isEmpty()) {
            return Globs.anyMatch(change.policy().finalModels(), m.path());
        }
        String p = "/" + m.path().toLowerCase(Locale.ROOT);
        return p.contains("/marts/") || p.contains("/mart/") || change.head().project().exposedModels().contains(m.name());
    }

    /** Snapshots are versioned tables of their own; the rules here are about models. */
    private static boolean isSnapshotOrSeed(String path) {
        String p = "/" + path.toLowerCase(Locale.ROOT);
        return p.contains("/snapshots/") || p.contains("/seeds/");
    }

    /** New on an added file or on a changed line; else what the change did not cause. */
    static FindingStatus status(Model m, int line) {
        return m.added() || m.change().changedLines().overlaps(line, line) ? FindingStatus.NEW : FindingStatus.EXISTING;
    }

    /** The 1-based line of the first line of {@code text} matching {@code regex}, or 1. */
    static int lineOf(Optional<String> text, String regex) {
        if (text.isEmpty()) {
            return 1;
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE);
        String[] lines = text.get().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 1;
    }
}
