package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.check.secrets.internal.SecretHasher;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall on the labelled corpus in {@code src/test/resources/corpus}: every line where a generated
 * sample ({@code @@name@@}) starts is a true secret, every other line is clean. A leak finding is one of any rule but
 * the informational and weak-default ones (SEC013, SEC080, SEC090, SEC091), which say "not a leak" by design. The
 * figures are printed and held to the targets: recall at least 98%, precision at least 95%.
 */
class CorpusTest {

    static final double RECALL_TARGET = 0.98;
    static final double PRECISION_TARGET = 0.95;
    private static final Set<String> NOT_LEAKS = Set.of("SEC013", "SEC080", "SEC090", "SEC091");
    private static final Pattern TOKEN = Pattern.compile("@@([a-z0-9_]+)@@");

    record Labelled(InMemorySource source, Set<String> secrets, int files) {
    }

    /** Expands the corpus; the labels are "path:line" of every line where a sample starts. */
    static Labelled load() throws IOException, URISyntaxException {
        Path root = Path.of(CorpusTest.class.getClassLoader().getResource("corpus").toURI());
        InMemorySource src = new InMemorySource("corpus");
        src.revision("head");
        Set<String> secrets = new TreeSet<>();
        Samples samples = new Samples(98_95L);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            String text = Files.readString(p, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            Matcher m = TOKEN.matcher(text);
            int last = 0;
            while (m.find()) {
                out.append(text, last, m.start());
                int line = (int) out.chars().filter(c -> c == '\n').count() + 1;
                String sample = samples.sample(m.group(1));
                // a key file's secret is its private_key line, not the file's first line
                int keyLine = sample.lines().toList().indexOf(sample.lines()
                        .filter(l -> l.contains("\"private_key\"")).findFirst().orElse(null));
                secrets.add(rel + ":" + (line + Math.max(0, keyLine)));
                int lineStart = text.lastIndexOf('\n', m.start()) + 1;
                String indent = text.substring(lineStart, m.start()).replaceAll("\\S.*$", "");
                out.append(sample.replace("\n", "\n" + indent));
                last = m.end();
            }
            out.append(text.substring(last));
            src.put("head", rel, out.toString());
        }
        return new Labelled(src, secrets, files.size());
    }

    @Test
    void precisionAndRecallMeetTheTargets() throws Exception {
        Labelled corpus = load();
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(corpus.source(), null, "head", ScanMode.FULL, null,
                null, List.of(new SecretsCheck(new SecretHasher("corpus".getBytes(StandardCharsets.UTF_8)))), null));
        List<Finding> leaks = r.findings().stream().filter(f -> !NOT_LEAKS.contains(f.ruleId())).toList();

        Set<String> found = new TreeSet<>();
        List<String> falsePositives = new ArrayList<>();
        for (Finding f : leaks) {
            String at = f.path() + ":" + f.line();
            if (corpus.secrets().contains(at)) {
                found.add(at);
            } else {
                falsePositives.add(at + " " + f.ruleId() + " " + f.message());
            }
        }
        Set<String> missed = new TreeSet<>(corpus.secrets());
        missed.removeAll(found);
        int tp = leaks.size() - falsePositives.size();
        double precision = leaks.isEmpty() ? 0 : (double) tp / leaks.size();
        double recall = (double) found.size() / corpus.secrets().size();
        long weak = r.findings().stream().filter(f -> f.ruleId().equals("SEC013")).count();

        System.out.printf("secrets corpus: %d files, %d labelled secrets, %d leak findings (%d weak defaults)%n",
                corpus.files(), corpus.secrets().size(), leaks.size(), weak);
        System.out.printf("secrets corpus: precision %.1f%% (%d/%d), recall %.1f%% (%d/%d)%n", 100 * precision, tp,
                leaks.size(), 100 * recall, found.size(), corpus.secrets().size());
        leaks.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.path() + ":" + f.line(),
                        java.util.TreeMap::new, java.util.stream.Collectors.mapping(Finding::ruleId, java.util.stream.Collectors.toList())))
                .forEach((at, rules) -> {
                    if (rules.size() > 1) {
                        System.out.println("  several findings on one line: " + at + " " + rules);
                    }
                });
        falsePositives.forEach(fp -> System.out.println("  false positive: " + fp));
        missed.forEach(m -> System.out.println("  missed: " + m));

        assertThat(corpus.secrets()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(recall).as("recall; missed: %s", missed).isGreaterThanOrEqualTo(RECALL_TARGET);
        assertThat(precision).as("precision; false positives: %s", falsePositives).isGreaterThanOrEqualTo(PRECISION_TARGET);
    }
}
