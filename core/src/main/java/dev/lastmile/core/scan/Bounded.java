package dev.lastmile.core.scan;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a piece of a scan (one check, one file's analysis) on a worker thread under a time budget, and contains what
 * it throws. Java cannot kill a thread: work over its budget is interrupted and told to stop (its next file read
 * through {@link ScanContext} throws {@link Stopped}), and the caller goes on without it. Workers are daemon threads
 * with a large stack, so deeply nested input overflows later, and a {@link StackOverflowError} or an
 * {@link OutOfMemoryError} from one piece's own allocations ends that piece only: its stack unwinds and what it
 * allocated is garbage.
 */
public final class Bounded {

    /** Deep enough for the recursive-descent parsers (JSqlParser, SnakeYAML, Jinjava) on nested input. */
    private static final long STACK_BYTES = 16L << 20;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "lastmile-bounded-" + COUNT.incrementAndGet(), STACK_BYTES);
        t.setDaemon(true);
        return t;
    });
    /** The stop flag of the bounded work the current thread runs, if any. */
    private static final ThreadLocal<AtomicBoolean> STOP = new ThreadLocal<>();

    /** What became of the work. */
    public sealed interface Outcome<T> {
    }

    public record Done<T>(T value) implements Outcome<T> {
    }

    /** It did not finish within the budget; it was told to stop and left behind. */
    public record OverBudget<T>(Duration budget) implements Outcome<T> {
    }

    /** It threw (any {@link Throwable}, {@link StackOverflowError} and {@link OutOfMemoryError} included). */
    public record Failed<T>(Throwable error) implements Outcome<T> {
        /** {@code StackOverflowError}, {@code IllegalStateException: why}. */
        public String reason() {
            return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
    }

    /** Thrown into work told to stop, at its next file read. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped: over its time budget", null, false, false);
        }
    }

    private Bounded() {
    }

    /**
     * Runs {@code work} within {@code budget}. Never throws for what the work does; an interrupt of the caller ends
     * the wait and stops the work (the caller's interrupt flag stays set).
     */
    public static <T> Outcome<T> run(Duration budget, Supplier<T> work) {
        AtomicBoolean stop = new AtomicBoolean();
        Future<T> future = WORKERS.submit(() -> {
            STOP.set(stop);
            try {
                return work.get();
            } finally {
                STOP.remove();
            }
        });
        try {
            return new Done<>(future.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            stop.set(true);
            future.cancel(true);
            return new OverBudget<>(budget);
        } catch (InterruptedException e) {
            stop.set(true);
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed<>(e);
        } catch (ExecutionException e) {
            return new Failed<>(e.getCause());
        } catch (CancellationException e) {
            return new Failed<>(e);
        }
    }

    /** Throws {@link Stopped} when the bounded work the current thread runs was told to stop. */
    public static void stopIfOverBudget() {
        AtomicBoolean stop = STOP.get();
        if (stop != null && stop.get()) {
            throw new Stopped();
        }
    }
}
