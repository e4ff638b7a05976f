package dev.lastmile.dbt;

import java.util.List;

/**
 * A {@code semantic_models:} entry of the dbt Semantic Layer: metrics built on one model.
 *
 * @param name       its name
 * @param model      the model it is built on (lower-cased name of its {@code ref()}), or empty
 * @param measures   its measures' names
 * @param dimensions its dimensions' names
 * @param file       the YAML file that declares it
 */
public record SemanticModel(String name, String model, List<String> measures, List<String> dimensions, String file) {
    public SemanticModel {
        measures = List.copyOf(measures);
        dimensions = List.copyOf(dimensions);
    }
}
