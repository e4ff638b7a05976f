package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.npm.packagelockjson.PackageLockJsonExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PackageLockJsonTest {

    private final PackageLockJsonExtractor extractor = new PackageLockJsonExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "package-lock.json, true", "npm-shrinkwrap.json, true", "node_modules/a/package-lock.json, false",
            "package-lock.json.bak, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("v3.json", List.of("lodash@4.17.21:6", "jest@29.7.0:7 dev",
                        "@jest/core@29.7.0:8 dev indirect")),
                Arguments.of("v1.json", List.of("lodash@4.17.20:4"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "packagelockjson", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-json.json", "not valid JSON", 1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "packagelockjson", fixture, message, line);
    }
}
