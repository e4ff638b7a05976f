package dev.lastmile.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's Python and the AWS tools installed in it (cfn-lint, samtranslator, moto), as the infra tests use
 * them. Where a tool is absent the test that needs it is skipped with {@link #missing} as its stated reason.
 */
final class Python {

    /** What a finished command printed and returned. */
    record Result(int exit, String out, String err) {
    }

    private Python() {
    }

    /** Null when every module imports, else why not (the reason a test states when it skips). */
    static String missing(String... modules) {
        String imports = String.join(", ", modules);
        try {
            Result r = run(Template.root(), 60, "python3", "-c", "import " + imports);
            return r.exit() == 0 ? null : "python3 cannot import " + imports + " (pip install cfn-lint aws-sam-translator "
                    + "'moto[server]'): " + r.err().strip();
        } catch (IllegalStateException e) {
            return "no python3 on this machine: " + e.getMessage();
        }
    }

    static Result run(Path dir, long timeoutSeconds, String... command) {
        return run(dir, timeoutSeconds, List.of(command));
    }

    static Result run(Path dir, long timeoutSeconds, List<String> command) {
        try {
            Path out = Files.createTempFile("lastmile-py", ".out");
            Path err = Files.createTempFile("lastmile-py", ".err");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
