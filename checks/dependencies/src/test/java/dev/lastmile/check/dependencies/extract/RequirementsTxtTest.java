package dev.lastmile.check.dependencies.extract;

import static dev.lastmile.check.dependencies.extract.ExtractorTables.assertExtracts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.dependencies.extract.pypi.requirementstxt.RequirementsTxtExtractor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RequirementsTxtTest {

    private final RequirementsTxtExtractor extractor = new RequirementsTxtExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "requirements.txt, true", "requirements-dev.txt, true", "dev-requirements.txt, true",
            "app/requirements/prod.txt, false", "requirements.txt.bak, false", "requirements.txt/file, false",
            "requirements.in, false", "myrequirementsfile.txt, false"
    })
    void fileRequired(String path, boolean wanted) {
        assertThat(extractor.fileRequired(path)).isEqualTo(wanted);
    }

    @ParameterizedTest(name = "{0} dev={1}")
    @CsvSource({"requirements-dev.txt, true", "test-requirements.txt, true", "requirements_docs.txt, true",
            "requirements-docker.txt, false", "requirements-latest.txt, false", "requirements.txt, false"})
    void devFilesByName(String name, boolean dev) {
        assertThat(extractor.extract(name, "requests==2.32.3\n").packages().get(0).dev()).isEqualTo(dev);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("empty.txt", List.of()),
                Arguments.of("comments-only.txt", List.of()),
                Arguments.of("one-package.txt", List.of("requests@2.32.3:1")),
                Arguments.of("ranges-markers-extras.txt", List.of("requests ~>=2.25,<3:1", "urllib3 ~>=1.26:2",
                        "PyYAML:3", "numpy ~==1.*:4")),
                Arguments.of("hashes-continuation.txt", List.of("requests@2.32.3:1", "idna@3.7:4")),
                Arguments.of("includes-and-options.txt", List.of("acme-loader:4 src", "dbt-bigquery@1.8.2:5")),
                Arguments.of("url-requirement.txt", List.of("acme-etl:1 src", "acme-tool:2 src")),
                Arguments.of("bad-line.txt", List.of("requests@2.32.3:1", "idna@3.7:3", "!2:PEP 508"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void extracts(String fixture, List<String> wanted) throws Exception {
        assertExtracts(extractor, "requirements", fixture, wanted);
    }
}
