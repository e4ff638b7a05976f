package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.pypi.poetrylock.PoetryLockExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PoetryLockTest {

    private final PoetryLockExtractor extractor = new PoetryLockExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "poetry.lock, true", "a/poetry.lock, true", "poetry.lock.file, false", "poetry.lock/file, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("one-package.lock", List.of("requests@2.32.3:2 indirect")),
                Arguments.of("two-packages-groups.lock", List.of("pytest@8.2.0:2 dev indirect",
                        "requests@2.32.3:7 indirect")),
                Arguments.of("source-git.lock", List.of("acme@1.0.0:2 indirect src"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "poetrylock", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-toml.lock", "not valid TOML", 0),
                Arguments.of("empty-file.lock", "empty file", 1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "poetrylock", fixture, message, line);
    }
}
