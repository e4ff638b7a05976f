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

    @org.junit.jupiter.api.Test
    void aLargeLockfileIsReadInLinearTimeWithRightLines() throws Exception {
        StringBuilder sb = new StringBuilder("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sb.append("    \"node_modules/p").append(i).append("\": {\"version\": \"1.0.").append(i).append("\"}")
                    .append(i + 1 < n ? ",\n" : "\n");
        }
        sb.append("  }\n}\n");
        long t0 = System.nanoTime();
        var packages = extractor.extract("package-lock.json", sb.toString()).packages();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(packages).hasSize(n);
        assertThat(packages.get(n - 1).line()).isEqualTo(n + 3);
        assertThat(packages.get(12_345).name()).isEqualTo("p12345");
        assertThat(packages.get(12_345).line()).isEqualTo(12_345 + 4);
        assertThat(ms).as("20,000 entries, quadratic search would take minutes").isLessThan(10_000);
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
