package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.npm.pnpmlock.PnpmLockExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PnpmLockTest {

    private final PnpmLockExtractor extractor = new PnpmLockExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "pnpm-lock.yaml, true", "web/pnpm-lock.yaml, true", "pnpm-lock.yml, false", "pnpm-workspace.yaml, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("v6.yaml", List.of("lodash@4.17.21:5 indirect", "@babel/core@7.24.0:9 dev indirect")),
                Arguments.of("v5.yaml", List.of("lodash@4.17.21:5 indirect")),
                Arguments.of("v9.yaml", List.of("lodash@4.17.21:5 indirect"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "pnpmlock", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-yaml.yaml", "not valid YAML", 0)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "pnpmlock", fixture, message, line);
    }
}
