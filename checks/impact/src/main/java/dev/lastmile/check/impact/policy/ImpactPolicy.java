package dev.lastmile.check.impact.policy;

import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.util.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code impact:} section of {@code .lastmile.yml}, parsed strictly (errors name file, line and key).
 *
 * <pre>
 * impact:
 *   final_models: ["models/marts/**"]     # what a final model is (default: models/marts/** and exposed models)
 *   require:
 *     contracts: "models/marts/**"        # new and changed models here need an enforced contract
 *     tests: ["models/marts/**"]          # ... and a test of their grain
 * </pre>
 * A glob may be one string or a list. The breaking-change rules need no settings: what breaks is read from the project.
 *
 * @param finalModels       model file globs of final models; empty means the default
 * @param requireContracts  model file globs that must have an enforced contract
 * @param requireTests      model file globs that must have a test of their grain
 */
public record ImpactPolicy(List<Pattern> finalModels, List<Pattern> requireContracts, List<Pattern> requireTests) {

    public static final Set<String> KEYS = Set.of("final_models", "require");
    public static final Set<String> REQUIRE_KEYS = Set.of("contracts", "tests");

    public ImpactPolicy {
        finalModels = List.copyOf(finalModels);
        requireContracts = List.copyOf(requireContracts);
        requireTests = List.copyOf(requireTests);
    }

    public static ImpactPolicy defaults() {
        return new ImpactPolicy(List.of(), List.of(), List.of());
    }

    public static ImpactPolicy from(Policy policy) {
        return from(policy.section("impact"));
    }

    public static ImpactPolicy from(PolicyNode section) {
        if (!section.isPresent()) {
            return defaults();
        }
        section.requireOnly(KEYS);
        PolicyNode require = section.get("require");
        if (require.isPresent()) {
            require.requireOnly(REQUIRE_KEYS);
        }
        return new ImpactPolicy(globs(section.get("final_models")), globs(require.get("contracts")),
                globs(require.get("tests")));
    }

    private static List<Pattern> globs(PolicyNode node) {
        List<Pattern> out = new ArrayList<>();
        for (PolicyNode e : node.elements()) {
            String glob = e.asString().trim();
            if (glob.isEmpty()) {
                throw e.error("expected a path glob, found an empty string");
            }
            out.add(Globs.compile(glob));
        }
        return out;
    }
}
