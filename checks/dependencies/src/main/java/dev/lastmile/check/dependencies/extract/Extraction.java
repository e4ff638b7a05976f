package dev.lastmile.check.dependencies.extract;

import dev.lastmile.check.dependencies.model.Package;
import java.util.List;

/**
 * What one manifest declares.
 *
 * @param packages the dependencies, in file order
 * @param includes other files this one pulls in, relative to its folder ({@code -r base.txt} in requirements files)
 * @param problems lines that could not be read while the rest of the file could (a requirements line with a broken
 *                 specifier): each becomes a {@code config} finding, and the good lines are still judged
 * @param constraints files whose exact pins apply to this file's ranges without adding packages, relative to its
 *                    folder ({@code -c constraints.txt} in requirements files)
 */
public record Extraction(List<Package> packages, List<String> includes, List<Problem> problems,
                         List<String> constraints) {

    public record Problem(int line, String message) {
    }

    public Extraction {
        packages = List.copyOf(packages);
        includes = List.copyOf(includes);
        problems = List.copyOf(problems);
        constraints = List.copyOf(constraints);
    }

    public Extraction(List<Package> packages, List<String> includes, List<Problem> problems) {
        this(packages, includes, problems, List.of());
    }

    public static Extraction of(List<Package> packages) {
        return new Extraction(packages, List.of(), List.of());
    }
}
