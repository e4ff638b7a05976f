package dev.lastmile.infra;

import static dev.lastmile.infra.TemplateTest.functions;
import static dev.lastmile.infra.TemplateTest.map;
import static dev.lastmile.infra.TemplateTest.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.CheckFunction;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The template deploys exactly the check families of {@link CheckFamily}: per family one job queue with its
 * dead-letter queue, one function (the descriptor's handler, in the descriptor's module) fed by that queue, and the
 * queue's URL under the descriptor's variable for the webhook and the scheduler. A family added to the descriptor
 * without its deployment, or a queue left behind by a removed one, fails here.
 */
class CheckFamilyTemplateTest {

    @Test
    void everyFamilyHasItsQueueWithADeadLetterQueue() {
        for (CheckFamily f : CheckFamily.values()) {
            Map<String, Object> queue = map(resources().get(f.queueLogicalId()));
            assertThat(queue.get("Type")).as(f.queueLogicalId()).isEqualTo("AWS::SQS::Queue");
            Map<String, Object> redrive = map(map(queue.get("Properties")).get("RedrivePolicy"));
            assertThat(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).as(f + " dead-letter queue")
                    .isNotNull();
        }
        TreeSet<String> jobQueues = new TreeSet<>();
        resources().forEach((name, r) -> {
            if ("AWS::SQS::Queue".equals(map(r).get("Type")) && name.endsWith("JobsQueue")) {
                jobQueues.add(name);
            }
        });
        assertThat(jobQueues).as("job queues of the template against the descriptor")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CheckFamily.values()).map(CheckFamily::queueLogicalId).toList());
    }

    @Test
    void everyFamilyHasItsFunctionFedByItsQueue() throws Exception {
        for (CheckFamily f : CheckFamily.values()) {
            Map<String, Object> function = functions().get(f.functionLogicalId());
            assertThat(function).as(f.functionLogicalId()).isNotNull();
            assertThat(function.get("Handler")).isEqualTo(f.functionHandler() + "::handleRequest");
            assertThat((String) function.get("CodeUri")).startsWith("../functions/" + f.functionModule() + "/target/");
            Class<?> handler = Class.forName(f.functionHandler());
            assertThat(CheckFunction.class.isAssignableFrom(handler)).as(f + " handler is a CheckFunction").isTrue();
            Map<String, Object> jobs = map(map(map(function.get("Events")).get("Jobs")).get("Properties"));
            assertThat(jobs.get("Queue")).as(f + " event source").isEqualTo(Map.of("Fn::GetAtt", java.util.List.of(f.queueLogicalId(), "Arn")));
        }
        long checkFunctions = functions().values().stream().filter(fn -> {
            Object events = map(fn.get("Events")).get("Jobs");
            return events != null && "SQS".equals(map(events).get("Type"));
        }).count();
        assertThat(checkFunctions).as("functions fed by a job queue").isEqualTo(CheckFamily.values().length);
    }

    @Test
    void theWebhookAndTheSchedulerGetEveryFamilysQueue() {
        for (String fanOut : new String[] {"WebhookFunction", "ScheduledScanFunction"}) {
            Map<String, Object> vars = map(map(functions().get(fanOut).get("Environment")).get("Variables"));
            for (CheckFamily f : CheckFamily.values()) {
                assertThat(vars.get(f.queueVariable())).as(fanOut + " " + f.queueVariable())
                        .isEqualTo(Map.of("Ref", f.queueLogicalId()));
            }
            assertThat(vars.keySet().stream().filter(k -> k.startsWith("LASTMILE_QUEUE_")))
                    .as(fanOut + " has no queue variable of a family the descriptor does not know")
                    .allMatch(k -> Arrays.stream(CheckFamily.values()).anyMatch(f -> f.queueVariable().equals(k)));
        }
    }
}
