package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.npm.yarnlock.YarnLockExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class YarnLockTest {

    private final YarnLockExtractor extractor = new YarnLockExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "yarn.lock, true", "web/yarn.lock, true", "yarn.lock.old, false", "node_modules/x/yarn.lock, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("classic.lock", List.of("@babel/code-frame@7.12.13:5 indirect", "lodash@4.17.21:9 indirect")),
                Arguments.of("berry.lock", List.of("lodash@4.17.21:4 indirect"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "yarnlock", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-yarn.lock", "package header", 1),
                // a header naming no package (found by ExtractorProperties: it threw ArrayIndexOutOfBounds)
                Arguments.of("empty-header.lock", "names no package", 3)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "yarnlock", fixture, message, line);
    }
}
