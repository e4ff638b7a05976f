package dev.lastmile.functions.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.functions.common.Events;
import java.lang.management.ManagementFactory;

/**
 * What the Lambda Java runtime does for one cold start, run in a fresh JVM whose class path is a function's shaded
 * jar (plus this class and the event loader): construct the handler with its no-argument constructor, then hand it
 * one event from the events/ folder. Prints the milliseconds from JVM start to the handler built and to the first
 * event handled, and the handler's answer.
 *
 * <p>Usage: {@code java -cp function-lambda.jar:test-classes:common-tests.jar ...JarRunner <handler class> <event file>}
 */
public final class JarRunner {

    private JarRunner() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(args[0])
                .getConstructor().newInstance();
        long built = System.currentTimeMillis();
        Object event = args[1].startsWith("webhook-") ? Events.apiGateway(args[1])
                : args[1].startsWith("schedule") ? new com.fasterxml.jackson.databind.ObjectMapper().convertValue(Events.json(args[1]), java.util.Map.class)
                : Events.sqs(args[1]);
        Object answer = handler.handleRequest(event, null);
        long handled = System.currentTimeMillis();
        String shown = describe(answer);
        System.out.println("LASTMILE-BENCH init_ms=" + (built - jvmStart) + " first_event_ms=" + (handled - jvmStart)
                + " answer=" + shown);
        System.exit(0);
    }

    /**
     * The handler's answer in a line. By name and reflection, not by type: a function without the events library in
     * its jar (the scheduler, the report) must not fail on a class it never uses.
     */
    static String describe(Object answer) throws ReflectiveOperationException {
        String type = answer == null ? "" : answer.getClass().getName();
        if (type.endsWith(".APIGatewayV2HTTPResponse")) {
            return answer.getClass().getMethod("getStatusCode").invoke(answer) + " "
                    + answer.getClass().getMethod("getBody").invoke(answer);
        }
        if (type.endsWith(".SQSBatchResponse")) {
            return "failures=" + ((java.util.List<?>) answer.getClass().getMethod("getBatchItemFailures").invoke(answer)).size();
        }
        return String.valueOf(answer);
    }
}
