package dev.lastmile.report;

import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every run document and merge marker from a findings store, a bounded number at a time: S3 latency is
 * hidden by parallel reads, memory by parsing each document as it arrives and keeping only its reduced form.
 */
final class RunReader {

    /** What the store holds for a report. */
    record Contents(List<StoredRun> runs, Map<String, Instant> mergedAt, List<String> unreadable,
                    Map<String, StoredRun> byKey, int fetched) {
    }

    private final int parallelism;

    RunReader(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    Contents read(ObjectStore store) {
        return read(store, Map.of());
    }

    /**
     * As {@link #read(ObjectStore)}, reading only the run documents {@code known} does not already hold (a previous
     * report's index: key to reduced run). Keys no longer listed (expired by the bucket's lifecycle) drop out.
     */
    Contents read(ObjectStore store, Map<String, StoredRun> known) {
        FindingsStore findings = new FindingsStore(store);
        List<String> listed = findings.runDocumentKeys(null);
        List<StoredRun> runs = new ArrayList<>(listed.size());
        List<String> keys = new ArrayList<>();
        Map<String, StoredRun> byKey = new java.util.LinkedHashMap<>();
        for (String key : listed) {
            StoredRun k = known.get(key);
            if (k != null) {
                runs.add(k);
                byKey.put(key, k);
            } else {
                keys.add(key);
            }
        }
        int fromIndex = runs.size();
        List<String> unreadable = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "lastmile-report-read");
            t.setDaemon(true);
            return t;
        });
        try {
            // submit in windows so at most a few windows of parsed documents are in flight at once
            int window = parallelism * 4;
            for (int start = 0; start < keys.size(); start += window) {
                List<Future<StoredRun>> batch = new ArrayList<>();
                for (String key : keys.subList(start, Math.min(keys.size(), start + window))) {
                    // a check the policy left out ran nothing: it neither opens nor fixes a finding
                    batch.add(pool.submit(() -> findings.readRun(key).filter(d -> !d.isNotEnabled())
                            .map(StoredRun::from).orElse(null)));
                }
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        StoredRun run = batch.get(i).get();
                        if (run != null) {
                            runs.add(run);
                            byKey.put(keys.get(start + i), run);
                        }
                    } catch (ExecutionException e) {
                        // one damaged document must not hide the rest of the organisation
                        unreadable.add(keys.get(start + i) + ": " + e.getCause().getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the store", e);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Instant> merged = findings.mergedPullRequests(unreadable);
        return new Contents(runs, merged, unreadable, byKey, runs.size() - fromIndex);
    }
}
