package dev.lastmile.check.dependencies.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two tables every extractor test has, in the manner of OSV-SCALIBR: file names with near misses, and
 * extraction rows naming a fixture under {@code src/test/resources/extract/<format>/} with the wanted packages in a
 * compact form ({@code name@version:line}, {@code name ~range:line}, flags {@code dev}, {@code indirect},
 * {@code src}) or a wanted error.
 */
public final class ExtractorTables {

    private ExtractorTables() {
    }

    public static String fixture(String format, String name) {
        String path = "/extract/" + format + "/" + name;
        try (InputStream in = ExtractorTables.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(Package p) {
        StringBuilder sb = new StringBuilder(p.name());
        if (p.version() != null) {
            sb.append('@').append(p.version());
        } else if (p.constraint() != null) {
            sb.append(" ~").append(p.constraint());
        }
        sb.append(':').append(p.line());
        if (p.dev()) {
            sb.append(" dev");
        }
        if (!p.direct()) {
            sb.append(" indirect");
        }
        if (p.source() != null) {
            sb.append(" src");
        }
        return sb.toString();
    }

    /** Extracts the fixture and compares packages (and problems, rendered {@code !line:text}) with {@code expected}. */
    public static void assertExtracts(Extractor extractor, String format, String fixture, List<String> expected)
            throws MalformedManifestException {
        Extraction e = extractor.extract(format + "/" + fixture, fixture(format, fixture));
        List<String> actual = new ArrayList<>(e.packages().stream().map(ExtractorTables::render).toList());
        for (Extraction.Problem p : e.problems()) {
            String wanted = expected.stream().filter(x -> x.startsWith("!" + p.line() + ":")).findFirst().orElse(null);
            actual.add(wanted != null && p.message().contains(wanted.substring(wanted.indexOf(':') + 1))
                    ? wanted : "!" + p.line() + ":" + p.message());
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    public static void assertFails(Extractor extractor, String format, String fixture, String message, int line) {
        assertThatThrownBy(() -> extractor.extract(format + "/" + fixture, fixture(format, fixture)))
                .isInstanceOf(MalformedManifestException.class)
                .hasMessageContaining(message)
                .satisfies(t -> {
                    if (line > 0) {
                        assertThat(((MalformedManifestException) t).line()).isEqualTo(line);
                    }
                });
    }
}
