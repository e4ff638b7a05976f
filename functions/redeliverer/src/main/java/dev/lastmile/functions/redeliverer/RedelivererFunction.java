package dev.lastmile.functions.redeliverer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.functions.common.Environment;
import dev.lastmile.functions.common.GitHubAccess;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lambda handler of the redeliverer, on an EventBridge schedule: asks GitHub to redeliver the webhook deliveries
 * that failed ({@link Redeliveries}). The App's secret is read at the first invocation, not in the constructor, so
 * SnapStart can publish the function before the secret is filled in. Handler string:
 * {@code dev.lastmile.functions.redeliverer.RedelivererFunction::handleRequest}.
 */
public final class RedelivererFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Every variable the redeliverer reads (the template test holds the template to this list). */
    public static final List<String> ENVIRONMENT = List.of(Environment.GITHUB_SECRET_ARN, Environment.GITHUB_APP_ID,
            Environment.GITHUB_API_URL);

    private final Supplier<Redeliveries> redeliveries;
    private volatile Redeliveries built;

    public RedelivererFunction() {
        this(() -> fromEnvironment(Environment.system()));
    }

    public RedelivererFunction(Supplier<Redeliveries> redeliveries) {
        this.redeliveries = redeliveries;
    }

    static Redeliveries fromEnvironment(Environment env) {
        GitHubAccess github = GitHubAccess.fromEnvironment(env);
        return new Redeliveries(github.http(), github.tokens(), Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (built == null) {
            built = redeliveries.get();
        }
        Redeliveries.Outcome o = built.run();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deliveries", o.deliveries());
        out.put("failed", o.failed());
        out.put("redelivered", o.redelivered());
        out.put("exhausted", o.exhausted());
        out.put("problems", o.problems());
        String line = "redeliverer: " + out;
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
        return out;
    }
}
