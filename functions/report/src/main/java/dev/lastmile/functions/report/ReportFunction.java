package dev.lastmile.functions.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.core.store.ObjectStore;
import dev.lastmile.report.Report;
import dev.lastmile.report.ReportGenerator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda handler of the findings report: reads the findings store and writes {@code index.html},
 * {@code summary.json} and {@code findings.csv} under {@code reports/<date>/} and {@code reports/latest/} of the same
 * store (docs/reports.md). Runs on an EventBridge schedule after the nightly full scans, and on demand
 * ({@code aws lambda invoke --function-name <ReportFunction> out.json}). The event is not read. Handler string:
 * {@code dev.lastmile.functions.report.ReportFunction::handleRequest}.
 */
public final class ReportFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String BUCKET = "LASTMILE_BUCKET";
    static final String STORE_PREFIX = "LASTMILE_STORE_PREFIX";

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final List<String> ENVIRONMENT = List.of(BUCKET, STORE_PREFIX);

    private final ObjectStore store;
    private final ReportGenerator generator;
    private final Clock clock;

    /** Used by the Lambda runtime: the store from the environment, built once per execution environment. */
    public ReportFunction() {
        this(new S3ObjectStore(S3Clients.fromEnvironment(), require(BUCKET), System.getenv(STORE_PREFIX)), Clock.systemUTC());
    }

    /** Used by tests: a given store and clock. */
    public ReportFunction(ObjectStore store, Clock clock) {
        this.store = store;
        this.generator = new ReportGenerator(16);
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // incremental: only run documents the previous report's index lacks are read (S3 GETs grow with new runs,
        // not with the bucket)
        ReportGenerator.Incremental built = generator.buildIncremental(store, clock.instant());
        Report report = built.report();
        List<String> keys = ReportGenerator.writeTo(store, report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runsRead", report.runsRead());
        out.put("runsFetched", built.runsFetched());
        out.put("open", report.open().size());
        out.put("repositories", report.repositories().size());
        out.put("notes", report.notes());
        out.put("written", keys);
        String line = "report: " + report.open().size() + " open findings from " + report.runsRead() + " runs ("
                + built.runsFetched() + " read from the store, the rest from its index), "
                + report.notes().size() + " notes";
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
        return out;
    }

    private static String require(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }
}
