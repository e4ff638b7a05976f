package dev.lastmile.functions.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.aws.sqs.SqsClients;
import dev.lastmile.aws.sqs.SqsMessageSender;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.Environment;
import dev.lastmile.functions.common.GitHubAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda handler of the nightly full scan, on an EventBridge schedule. The event is read as a plain map (the events
 * library's {@code ScheduledEvent} needs Joda-Time; only its {@code id} is used). Handler string:
 * {@code dev.lastmile.functions.scheduler.ScheduledScanFunction::handleRequest}.
 */
public final class ScheduledScanFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Every variable the scheduler reads (the template test holds the template to this list). */
    public static final List<String> ENVIRONMENT = environment();

    private final ScheduledScans scans;

    public ScheduledScanFunction() {
        this(fromEnvironment(Environment.system()));
    }

    public ScheduledScanFunction(ScheduledScans scans) {
        this.scans = scans;
    }

    static ScheduledScans fromEnvironment(Environment env) {
        // the App's secret is read on the first run, not here: SnapStart constructs the function before it may be set
        GitHubAccess github = GitHubAccess.fromEnvironment(env);
        Map<CheckFamily, String> queues = new EnumMap<>(CheckFamily.class);
        for (CheckFamily f : CheckFamily.values()) {
            env.optional(f.queueVariable()).ifPresent(url -> queues.put(f, url));
        }
        return new ScheduledScans(github.http(), github.tokens(), github::api,
                new S3ObjectStore(S3Clients.fromEnvironment(), env.require(Environment.BUCKET),
                        env.optional(Environment.STORE_PREFIX).orElse("")),
                new SqsMessageSender(SqsClients.fromEnvironment()), queues, Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object id = event == null ? null : event.get("id");
        ScheduledScans.Outcome o = context == null ? scans.run(id == null ? "manual" : String.valueOf(id))
                : scans.run(id == null ? "manual" : String.valueOf(id), () -> context.getRemainingTimeInMillis());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("installations", o.installations());
        out.put("repositories", o.repositories());
        out.put("queued", o.queued());
        out.put("skipped", o.skipped());
        out.put("problems", o.problems());
        out.put("decisions", o.decisionsKey());
        out.put("complete", o.complete());
        String line = "scheduled scan: " + out;
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
        if (!o.complete()) {
            // fail the invocation so Lambda's asynchronous retry runs again; what this run claimed is skipped there
            throw new IllegalStateException("scheduled scan stopped before its time-out: " + o.problems().getLast());
        }
        return out;
    }

    private static List<String> environment() {
        List<String> names = new ArrayList<>(List.of(Environment.BUCKET, Environment.STORE_PREFIX,
                Environment.GITHUB_SECRET_ARN, Environment.GITHUB_APP_ID, Environment.GITHUB_API_URL));
        for (CheckFamily f : CheckFamily.values()) {
            names.add(f.queueVariable());
        }
        return List.copyOf(names);
    }
}
