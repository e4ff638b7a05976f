package dev.lastmile.dbt.sql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statement;

/**
 * One statement through JSqlParser under a time limit, on the calling thread.
 *
 * <p>JSqlParser's own time-out runs every parse on another thread and waits for it: two thread hand-offs per
 * statement, about a tenth of the parse time of a typical model on one core. It stops an overlong parse by setting
 * the parser's {@code interrupted} flag, which its expression productions (where backtracking blows up) check and
 * then fail; the worker thread runs on until they do. Here one shared watchdog thread sets the same flag on every
 * parse past its deadline, so a runaway parse is stopped by the same mechanism, without the hand-offs.
 *
 * <p>As {@link CCJSqlParserUtil#parse(String)} does: the simple grammar first, the complex one only when the simple
 * one fails and the statement is not nested too deeply for it; both share one deadline.
 */
final class TimeLimitedParse {

    /** How often the watchdog looks at running parses: coarse against a limit of a second or more. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Thread watchdog = new Thread(TimeLimitedParse::watch, "lastmile-sqlparse-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private TimeLimitedParse() {
    }

    /** A parse in progress; identity equality, so equal statements parsed at once stay apart. */
    private static final class Running {
        final CCJSqlParser parser;
        final long deadline;

        Running(CCJSqlParser parser, long deadline) {
            this.parser = parser;
            this.deadline = deadline;
        }
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (Running r : RUNNING) {
                if (now - r.deadline >= 0) {
                    r.parser.interrupted = true;
                }
            }
        }
    }

    /**
     * The statement's tree, or an exception whose cause is a {@link TimeoutException} when the limit ran out
     * ({@link SqlParser#describe(Throwable)} reports it as such).
     */
    static Statement statement(String sql, long limitMs) throws JSQLParserException {
        if (sql.isBlank()) {
            throw new JSQLParserException("No statement: the text is empty or only comments.");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        CCJSqlParser simple = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false);
        try {
            return run(simple, deadline);
        } catch (JSQLParserException e) {
            int allowedDepth = simple.getAsInt(Feature.allowedNestingDepth);
            if (simple.interrupted || allowedDepth >= 0 && CCJSqlParserUtil.getNestingDepth(sql) > allowedDepth) {
                throw e;
            }
        }
        return run(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true), deadline);
    }

    private static Statement run(CCJSqlParser parser, long deadline) throws JSQLParserException {
        Running running = new Running(parser, deadline);
        RUNNING.add(running);
        try {
            Statement st = parser.Statement();
            if (parser.interrupted) {
                throw timeOut();
            }
            return st;
        } catch (Exception e) {
            throw parser.interrupted ? timeOut() : new JSQLParserException(e);
        } finally {
            RUNNING.remove(running);
        }
    }

    private static JSQLParserException timeOut() {
        return new JSQLParserException("Time out occurred.", new TimeoutException("parse time limit exceeded"));
    }
}
