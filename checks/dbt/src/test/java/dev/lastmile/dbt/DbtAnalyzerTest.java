package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DbtAnalyzerTest {

    @Test
    void aFileAskedForByManyThreadsAtOnceIsAnalysedOnce() throws Exception {
        Map<String, String> texts = new HashMap<>();
        texts.put("dbt_project.yml", "name: shop\nprofile: shop\n");
        texts.put("models/orders.sql", "select id, customer_id, amount from {{ source('raw', 'orders') }}");
        ProjectFiles base = ProjectFiles.of(texts);
        Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ProjectFiles counting = new ProjectFiles() {
            @Override
            public List<String> files() {
                return base.files();
            }

            @Override
            public Optional<String> read(String path) {
                reads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return base.read(path);
            }
        };
        DbtProject project = DbtProject.load(counting, Dialect.SNOWFLAKE);
        reads.clear();
        DbtAnalyzer analyzer = new DbtAnalyzer(project, counting, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<FileAnalysis>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return analyzer.analyze("models/orders.sql");
                }));
            }
            start.countDown();
            FileAnalysis first = results.getFirst().get().orElseThrow();
            for (Future<Optional<FileAnalysis>> r : results) {
                assertThat(r.get()).containsSame(first);
            }
            assertThat(first.fullTree()).isTrue();
            assertThat(reads.get("models/orders.sql")).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingFileIsEmptyEveryTime() {
        DbtProject project = DbtProject.load(ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n")), Dialect.POSTGRES);
        DbtAnalyzer analyzer = new DbtAnalyzer(project, ProjectFiles.of(Map.of("dbt_project.yml", "name: shop\n")), Map.of());
        assertThat(analyzer.analyze("models/nothing.sql")).isEmpty();
        assertThat(analyzer.analyze("models/nothing.sql")).isEmpty();
    }
}
