package dev.lastmile.cli;

import dev.lastmile.core.scan.ProgressListener;
import java.io.PrintWriter;

/**
 * A progress line on stderr for long scans: nothing for the first two seconds (short scans stay silent), then at
 * most two updates a second, rewritten in place.
 */
final class ProgressLine implements ProgressListener {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long last;
    private boolean printed;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(String check, int filesDone, int filesTotal) {
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        printed = true;
        err.print("\rlastmile: " + check + " " + filesDone + "/" + filesTotal + " files   ");
        err.flush();
    }

    synchronized void finish() {
        if (printed) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }
}
