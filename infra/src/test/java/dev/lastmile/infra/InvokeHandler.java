package dev.lastmile.infra;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.functions.common.Events;

/**
 * What the Lambda Java runtime does for one invocation, in a JVM of its own whose environment is the function's (its
 * template environment and its role's credentials): construct the handler with its no-argument constructor, hand it
 * one event from events/, print its answer. A handler that throws exits with status 1, as a failed invocation.
 *
 * <p>Usage: {@code InvokeHandler <handler class> <event file in events/>}
 */
public final class InvokeHandler {

    private InvokeHandler() {
    }

    public static void main(String[] args) throws Exception {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(args[0])
                .getConstructor().newInstance();
        Object event = args[1].startsWith("/") ? Events.sqs(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of(args[1]).toFile())) // an SQS event the test wrote
                : args[1].startsWith("webhook-") ? Events.apiGateway(args[1])
                : args[1].startsWith("sqs-") ? Events.sqs(args[1])
                : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(Events.json(args[1]), java.util.Map.class);
        try {
            Object answer = handler.handleRequest(event, null);
            if (answer instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse r) {
                System.out.println("ANSWER " + r.getStatusCode() + " " + r.getBody());
            } else if (answer instanceof com.amazonaws.services.lambda.runtime.events.SQSBatchResponse r) {
                System.out.println("ANSWER failures=" + r.getBatchItemFailures().size());
            } else {
                System.out.println("ANSWER " + answer);
            }
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
