package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.pypi.uvlock.UvLockExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UvLockTest {

    private final UvLockExtractor extractor = new UvLockExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "uv.lock, true", "svc/uv.lock, true", "uv.lock.bak, false", "uv.toml, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("project-and-deps.lock", List.of("requests@2.32.3:9 indirect", "acme@1.0.0:14 indirect src"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "uvlock", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-toml.lock", "not valid TOML", 0)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "uvlock", fixture, message, line);
    }
}
