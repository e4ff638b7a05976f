package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.golang.gomod.GoModExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GoModTest {

    private final GoModExtractor extractor = new GoModExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "go.mod, true", "svc/go.mod, true", "go.sum, false", "go.mod.bak, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("require-block.mod", List.of("github.com/gin-gonic/gin@v1.9.1:6",
                        "golang.org/x/net@v0.25.0:7 indirect", "github.com/google/uuid:10 src")),
                Arguments.of("replace-module.mod", List.of("github.com/new/lib@v1.2.0:3"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "gomod", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unclosed.mod", "never closed", 0)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "gomod", fixture, message, line);
    }
}
