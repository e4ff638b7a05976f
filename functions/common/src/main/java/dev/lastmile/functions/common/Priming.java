package dev.lastmile.functions.common;

import dev.lastmile.aws.sqs.Messages;
import dev.lastmile.aws.sqs.ScanJob;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.scan.Check;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.RunDocument;
import java.time.Instant;
import java.util.List;

/**
 * Runs a function's code paths once on a tiny in-memory pull request while the function initialises, so the classes
 * are loaded and initialised before SnapStart takes its snapshot (AWS's "priming"): a restored function then handles
 * its first real event without paying for that. Nothing here touches the network or the store. Best effort: a failure
 * only means less is primed.
 */
public final class Priming {

    static final String BASE = "0000000000000000000000000000000000000001";
    static final String HEAD = "0000000000000000000000000000000000000002";

    /**
     * Process-wide, not per thread: the engine runs each check on a worker thread of its own (time budgets), so a
     * thread-local flag was false where the check looked (SnapStartConstructionTest caught the secrets function
     * reading the App's secret while priming). Priming runs in the constructor, before any event, so nothing else
     * runs while it is set.
     */
    private static volatile boolean priming;

    private Priming() {
    }

    /**
     * True while a function primes itself: code that would read the App's secret uses a stand-in instead, so a
     * constructor never reads it (SnapStart constructs functions before the secret may hold anything).
     */
    public static boolean inProgress() {
        return priming;
    }

    /** A small dbt-shaped pull request: a model that changes, a schema file, a profile. */
    public static InMemorySource sampleRepository() {
        return new InMemorySource("lastmile/priming")
                .put(BASE, "dbt_project.yml", "name: priming\nversion: '1.0'\nprofile: priming\nmodel-paths: [models]\n")
                .put(BASE, "models/orders.sql", "select id, amount from {{ ref('stg_orders') }}\n")
                .put(HEAD, "dbt_project.yml", "name: priming\nversion: '1.0'\nprofile: priming\nmodel-paths: [models]\n")
                .put(HEAD, "models/orders.sql", "select o.id, o.amount, c.email\nfrom {{ ref('stg_orders') }} o\n"
                        + "join {{ ref('stg_customers') }} c on c.id = o.customer_id\nwhere o.created_at > '{{ var(\"since\") }}'\n")
                .put(HEAD, "models/schema.yml", "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: email\n")
                .put(HEAD, "profiles.yml", "priming:\n  target: dev\n  outputs:\n    dev:\n      type: bigquery\n      location: EU\n");
    }

    /** Primes a check function: the job codec, the scan engine with its check, the run document and SARIF. */
    public static void checkFunction(Check check) {
        priming = true;
        try {
            ScanJob job = Messages.scanJob(Messages.toJson(new ScanJob("pr-1-" + HEAD, "lastmile/priming", 1L, BASE, HEAD, 1,
                    ScanMode.PULL_REQUEST, List.of(check.name()), "priming", Instant.EPOCH, null)));
            ScanResult result = new ScanEngine().scan(new ScanEngine.Request(sampleRepository(), job.base(), job.head(),
                    job.mode(), job.pullRequest(), null, List.of(check), null));
            RunDocument.parse(RunDocument.of(job.jobId(), result, result.runs().getFirst()).toJson());
            Sarif.write(result.runs().getFirst(), result.head());
        } catch (RuntimeException | LinkageError e) {
            // best effort: the first real event loads what priming could not
        } finally {
            priming = false;
        }
    }
}
