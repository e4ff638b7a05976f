package dev.lastmile.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.util.Texts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.api.Git;

/**
 * One line model, git's: on random byte content (lone CR, CRLF, no final newline, invalid UTF-8), the head lines
 * lastmile calls changed are exactly the lines {@code git diff} calls changed, and lastmile numbers every line the
 * way git does (a check's line N is git's line N). Runs the real {@code git} command.
 */
class GitLineModelProperties {

    /** Bytes that stress the line model: CR alone, CRLF pieces, invalid and valid UTF-8, ordinary text. */
    private static final byte[] ALPHABET = {'a', 'Z', ' ', '=', '\r', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF,
            (byte) 0x80, '\t'};

    /** A file version: distinct numbered lines (so any correct diff marks the same ones), each with random bytes. */
    record Version(List<byte[]> lines, boolean finalNewline) {
        byte[] bytes() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                b.writeBytes(lines.get(i));
                if (i < lines.size() - 1 || finalNewline) {
                    b.write('\n');
                }
            }
            return b.toByteArray();
        }
    }

    record Change(Version base, Version head) {
    }

    private static List<Byte> alphabet() {
        List<Byte> out = new ArrayList<>();
        for (byte b : ALPHABET) {
            out.add(b);
        }
        return out;
    }

    @Provide
    Arbitrary<Change> changes() {
        Arbitrary<byte[]> noise = Arbitraries.of(alphabet()).list().ofMaxSize(6).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i);
            }
            return b;
        });
        // per base line: 0 keep, 1 replace, 2 delete, 3 insert a new line before it
        Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(12);
        return Combinators.combine(edits, noise.list().ofSize(30), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((ops, pieces, baseNl, headNl) -> {
                    List<byte[]> base = new ArrayList<>();
                    List<byte[]> head = new ArrayList<>();
                    int fresh = 0;
                    for (int i = 0; i < ops.size(); i++) {
                        byte[] line = line("L" + i + "x", pieces.get(i));
                        base.add(line);
                        switch (ops.get(i)) {
                            case 0 -> head.add(line);
                            case 1 -> head.add(line("N" + fresh++ + "x", pieces.get(29 - i)));
                            case 3 -> {
                                head.add(line("N" + fresh++ + "x", pieces.get(29 - i)));
                                head.add(line);
                            }
                            default -> {
                            }
                        }
                    }
                    return new Change(new Version(base, baseNl), new Version(head, headNl));
                });
    }

    private static byte[] line(String token, byte[] noise) {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[t.length + noise.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(noise, 0, out, t.length, noise.length);
        return out;
    }

    @Property(tries = 60)
    void changedLinesAndLineNumbersAreGits(@ForAll("changes") Change change) throws Exception {
        Path dir = Files.createTempDirectory("lastmile-linemodel");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Path file = dir.resolve("f.txt");
            Files.write(file, change.base().bytes());
            String base = commit(git);
            Files.write(file, change.head().bytes());
            String head = commit(git);

            Files.write(dir.resolve("base.bin"), change.base().bytes());
            Files.write(dir.resolve("head.bin"), change.head().bytes());
            Set<Integer> expected = gitChangedLines(dir);

            try (GitRepositorySource source = GitRepositorySource.open(dir)) {
                List<ChangedFile> files = source.changes(base, head);
                Set<Integer> actual = new TreeSet<>();
                files.stream().filter(f -> f.path().equals("f.txt")).findFirst()
                        .ifPresent(f -> actual.addAll(expand(f.changedLines(), change.head().lines().size())));
                assertThat(actual).as("changed head lines").isEqualTo(expected);

                // every line's token sits on git's line number in the text checks read
                String text = Texts.withGitLineBreaks(Texts.decode(source.read(head, "f.txt").orElseThrow()).orElseThrow());
                List<String> lines = Texts.lines(text);
                assertThat(lines).hasSize(Math.max(1, change.head().lines().size()));
                for (int i = 0; i < change.head().lines().size(); i++) {
                    String token = new String(change.head().lines().get(i), StandardCharsets.ISO_8859_1).replaceAll("(?s)x.*", "x");
                    assertThat(lines.get(i)).as("git line " + (i + 1)).startsWith(token);
                    int offset = text.indexOf(token + "");
                    assertThat(Texts.lineOf(text, offset)).isEqualTo(i + 1);
                }
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Integer> expand(LineRanges ranges, int lineCount) {
        List<Integer> out = new ArrayList<>();
        for (int line = 1; line <= lineCount; line++) {
            if (ranges.contains(line)) {
                out.add(line);
            }
        }
        return out;
    }

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@", Pattern.MULTILINE);

    /** The head lines {@code git diff -U0} reports as added or modified. */
    private static Set<Integer> gitChangedLines(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "-c", "core.autocrlf=false", "diff", "--no-index", "--no-color",
                "--text", "-U0", "base.bin", "head.bin").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<Integer> lines = new TreeSet<>();
        Matcher m = HUNK.matcher(out);
        while (m.find()) {
            int start = Integer.parseInt(m.group(1));
            int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            for (int i = 0; i < count; i++) {
                lines.add(start + i);
            }
        }
        return lines;
    }

    private static String commit(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage("c").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call().name();
    }
}
