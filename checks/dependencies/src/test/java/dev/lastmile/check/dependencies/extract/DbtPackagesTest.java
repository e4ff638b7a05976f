package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.dbt.packagesyml.DbtPackagesExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DbtPackagesTest {

    private final DbtPackagesExtractor extractor = new DbtPackagesExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "packages.yml, true", "dependencies.yml, true", "analytics/packages.yml, true",
            "dbt_packages/x/packages.yml, false", "packages.yaml, false", "packages.yml.bak, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("hub-and-git.yml", List.of("github.com/dbt-labs/dbt-utils@1.1.1:2",
                        "github.com/calogica/dbt-expectations ~>=0.10.0,<0.11.0:4",
                        "github.com/dbt-labs/dbt-audit-helper@0.9.0:6", "../shared_macros:8 src")),
                Arguments.of("empty-list.yml", List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "packagesyml", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-yaml.yml", "not valid YAML", 0),
                Arguments.of("no-packages-key.yml", "packages:", 1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "packagesyml", fixture, message, line);
    }
}
