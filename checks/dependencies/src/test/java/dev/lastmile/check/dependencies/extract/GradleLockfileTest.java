package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.maven.gradlelockfile.GradleLockfileExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GradleLockfileTest {

    private final GradleLockfileExtractor extractor = new GradleLockfileExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "gradle.lockfile, true", "app/gradle.lockfile, true", "buildscript-gradle.lockfile, true",
            "gradle.lockfile.bak, false", "gradle.properties, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("lockfile.lockfile", List.of("com.google.guava:guava@33.2.0-jre:4 indirect",
                        "org.junit.jupiter:junit-jupiter@5.10.2:5 dev indirect")),
                Arguments.of("bad-line.lockfile", List.of("!1:group:artifact:version"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "gradlelockfile", fixture, wanted);
    }
}
