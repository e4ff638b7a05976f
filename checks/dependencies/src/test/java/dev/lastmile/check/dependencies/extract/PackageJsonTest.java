package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.npm.packagejson.PackageJsonExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PackageJsonTest {

    private final PackageJsonExtractor extractor = new PackageJsonExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "package.json, true", "web/package.json, true", "node_modules/x/package.json, false",
            "package.json5, false", "package-lock.json, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("sections.json", List.of("lodash@4.17.21:4", "express ~^4.19.0:5", "@scope/pkg@1.0.0:6",
                        "jest ~~29.7.0:9 dev", "local-lib:10 dev src", "fork:11 dev src", "left-pad@1.3.0:12 dev")),
                Arguments.of("no-dependencies.json", List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "packagejson", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-json.json", "not valid JSON", 1),
                Arguments.of("array.json", "not a JSON document", 1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "packagejson", fixture, message, line);
    }
}
