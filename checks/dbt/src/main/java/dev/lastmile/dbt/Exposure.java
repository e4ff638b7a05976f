package dev.lastmile.dbt;

import java.util.List;

/**
 * An {@code exposures:} entry: a dashboard, notebook or application that reads models.
 *
 * @param name      its name
 * @param type      {@code dashboard}, {@code notebook}, {@code analysis}, {@code ml}, {@code application}, or empty
 * @param dependsOn the models it reads (lower-cased names of its {@code ref()}s)
 * @param sources   the sources it reads ({@code source.table}, lower case)
 * @param file      the YAML file that declares it
 */
public record Exposure(String name, String type, List<String> dependsOn, List<String> sources, String file) {
    public Exposure {
        dependsOn = List.copyOf(dependsOn);
        sources = List.copyOf(sources);
    }
}
