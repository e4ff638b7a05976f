package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.pypi.pyprojecttoml.PyprojectTomlExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PyprojectTomlTest {

    private final PyprojectTomlExtractor extractor = new PyprojectTomlExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "pyproject.toml, true", "sub/pyproject.toml, true", "pyproject.toml.orig, false", "Pyproject.toml, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("pep621.toml", List.of("requests ~>=2.31:4", "pyyaml@6.0.1:5", "pytest@8.2.0:9 dev")),
                Arguments.of("poetry.toml", List.of("requests ~^2.31:6", "pyyaml@6.0.1:7", "acme:8 src",
                        "pytest@8.2.0:11 dev")),
                Arguments.of("no-dependencies.toml", List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "pyproject", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-toml.toml", "not valid TOML", 0)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "pyproject", fixture, message, line);
    }
}
