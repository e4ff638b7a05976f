package dev.lastmile.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.sqs.SqsClients;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.Environment;
import dev.lastmile.functions.common.GitHubAppSecrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda handler for GitHub's webhook, behind an API Gateway HTTP API or a function URL (both send the v2 payload).
 * Handler string: {@code dev.lastmile.functions.webhook.WebhookFunction::handleRequest}.
 */
public final class WebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Scan draft pull requests too ({@code true}/{@code false}, default false). */
    public static final String SCAN_DRAFTS = "LASTMILE_SCAN_DRAFTS";

    /**
     * Every S3 and SQS call of the webhook, retries included, ends within this: GitHub counts a delivery not answered
     * in 10 s as failed, and an attempt cut short by Lambda's time-out cannot release its claims. A call that takes
     * longer fails, the claims are released and GitHub gets a 503 (the redeliverer asks for the delivery again).
     */
    public static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(2);

    /** Every variable the webhook reads (the template test holds the template to this list). */
    public static final List<String> ENVIRONMENT = environment();

    private final WebhookService service;

    /** Used by the Lambda runtime: clients and the webhook secret from the environment, once per environment. */
    public WebhookFunction() {
        this(fromEnvironment(Environment.system()));
    }

    public WebhookFunction(WebhookService service) {
        this.service = service;
        service.prime();
    }

    static WebhookService fromEnvironment(Environment env) {
        // read on the first delivery, not here: SnapStart constructs the function before the secret may be set
        GitHubAppSecrets secrets = GitHubAppSecrets.fromEnvironment(env);
        Map<CheckFamily, String> queues = new EnumMap<>(CheckFamily.class);
        for (CheckFamily f : CheckFamily.values()) {
            env.optional(f.queueVariable()).ifPresent(url -> queues.put(f, url));
        }
        return new WebhookService(new WebhookSignature(() -> secrets.current().requireWebhookSecret(), secrets::refresh),
                new S3ObjectStore(S3Clients.fromEnvironment(CALL_TIMEOUT), env.require(Environment.BUCKET),
                        env.optional(Environment.STORE_PREFIX).orElse("")),
                new SqsMessageSender(SqsClients.fromEnvironment(CALL_TIMEOUT)), queues,
                env.optional(SCAN_DRAFTS).map(Boolean::parseBoolean).orElse(false), Clock.systemUTC(),
                env.optional(Environment.REPORT_QUEUE_URL).orElse(null), Environment.auditRetention(env));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebhookResponse r = event == null
                ? WebhookResponse.of(400, "no request")
                : service.handle(event.getHeaders(), event.getBody(), event.getIsBase64Encoded());
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("webhook " + r.status() + " " + r.reason() + (r.jobId() == null ? "" : " job " + r.jobId()) + "\n");
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(r.status())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(r.json())
                .build();
    }

    private static List<String> environment() {
        List<String> names = new ArrayList<>(List.of(Environment.BUCKET, Environment.STORE_PREFIX,
                Environment.GITHUB_SECRET_ARN, SCAN_DRAFTS, Environment.REPORT_QUEUE_URL, Environment.AUDIT_RETENTION_DAYS));
        for (CheckFamily f : CheckFamily.values()) {
            names.add(f.queueVariable());
        }
        return List.copyOf(names);
    }
}
