package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.maven.pomxml.PomXmlExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PomXmlTest {

    private final PomXmlExtractor extractor = new PomXmlExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "pom.xml, true", "module/pom.xml, true", "pom.xml.bak, false", "pom.yaml, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("properties.xml", List.of("com.fasterxml.jackson.core:jackson-databind@2.17.1:8",
                        "org.junit.jupiter:junit-jupiter@5.10.2:13 dev", "com.acme:acme-core@1.0.0:19",
                        "org.slf4j:slf4j-api:24")),
                Arguments.of("range-and-undefined-property.xml", List.of("a:b ~[1.0,2.0):3",
                        "!8:names a property this POM does not define"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "pomxml", fixture, wanted);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not-xml.xml", "not well-formed XML", 0),
                Arguments.of("xxe.xml", "not well-formed XML", 0)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedInput(String fixture, String message, int line) {
        assertFails(extractor, "pomxml", fixture, message, line);
    }
}
