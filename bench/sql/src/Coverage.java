import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.DbtProjects;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.model.SqlStatement;
import dev.lastmile.dbt.sql.Normalizer;
import dev.lastmile.dbt.sql.StatementSplitter;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Coverage and speed of the dbt module on one project directory (or a repository of several dbt projects, each file read with its own project): the share of model files rendered and parsed to
 * a full JSqlParser tree, the share recovered only by the token-level fallback, the constructs that still fail,
 * and files per second (one core, warm; then all cores).
 *
 * usage: java -cp ... Coverage PROJECT_DIR [DIALECT] [--top N]
 */
public final class Coverage {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Dialect dialect = args.length > 1 && !args[1].startsWith("--") ? Dialect.fromAdapter(args[1]).orElse(null) : null;
        Map<String, String> texts = new ConcurrentHashMap<>();
        List<String> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                if (name.endsWith(".sql") || name.endsWith(".yml") || name.endsWith(".yaml")) {
                    paths.add(rel);
                }
            }
        }
        ProjectFiles files = new ProjectFiles() {
            @Override
            public List<String> files() {
                return paths;
            }

            @Override
            public Optional<String> read(String path) {
                return Optional.of(texts.computeIfAbsent(path, k -> {
                    try {
                        return Files.readString(root.resolve(k), java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                        return "";
                    }
                }));
            }
        };
        long t0 = System.nanoTime();
        // every dbt project of the repository, each file rendered with its own project's macros, vars and dialect
        DbtProjects projects = DbtProjects.load(files, dialect);
        DbtProject project = projects.primary();
        // a plain SQL repository: every .sql file counts (model names there are file stems, and stems repeat)
        List<String> models = paths.stream().filter(p -> project.isDbt() ? projects.isModel(p) : p.endsWith(".sql"))
                .sorted().toList();
        // model files of the repository's other dbt projects: what one project's reading leaves unread
        List<String> otherRoots = paths.stream().filter(p -> p.endsWith("dbt_project.yml"))
                .map(p -> p.substring(0, p.length() - "dbt_project.yml".length()))
                .filter(r -> projects.all().stream().noneMatch(pr -> pr.root().equals(r)) && !r.contains("dbt_packages/")).toList();
        long otherModels = paths.stream().filter(p -> p.endsWith(".sql") && !projects.isModel(p) && !projects.isMacroFile(p))
                .filter(p -> otherRoots.stream().anyMatch(r -> p.startsWith(r + "models/") || p.startsWith(r + "snapshots/")))
                .count();
        long tLoad = System.nanoTime();
        // warm-up on one core until the JIT has settled (C2 compiles JSqlParser's large generated methods late: at
        // least three passes and 12 s, or -Dbench.warmSeconds), then three measured passes on one core (the median is reported), then all cores
        long warmStart = System.nanoTime();
        long warmNanos = Long.getLong("bench.warmSeconds", 12) * 1_000_000_000L;
        // -Dbench.coverageOnly=true: one pass for the coverage figures, no timing (a loaded machine, a quick check)
        boolean coverageOnly = Boolean.getBoolean("bench.coverageOnly");
        for (int round = 0; !coverageOnly && (round < 3 || System.nanoTime() - warmStart < warmNanos); round++) {
            DbtAnalyzer warm = new DbtAnalyzer(projects, files, Map.of());
            models.forEach(m -> warm.analyze(m, files.read(m).orElse("")));
        }
        List<FileAnalysis> results = new ArrayList<>();
        long[] passes = new long[coverageOnly ? 1 : 3];
        for (int round = 0; round < passes.length; round++) {
            DbtAnalyzer analyzer = new DbtAnalyzer(projects, files, Map.of());
            results.clear();
            long p0 = System.nanoTime();
            for (String m : models) {
                results.add(analyzer.analyze(m, files.read(m).orElse("")));
            }
            passes[round] = System.nanoTime() - p0;
        }
        java.util.Arrays.sort(passes);
        long onePass = passes[passes.length / 2];
        long t2wall = System.nanoTime();
        AtomicInteger n = new AtomicInteger();
        DbtAnalyzer parallel = new DbtAnalyzer(projects, files, Map.of());
        (coverageOnly ? List.<String>of() : models).parallelStream().forEach(m -> {
            parallel.analyze(m, files.read(m).orElse(""));
            n.incrementAndGet();
        });
        long t3 = System.nanoTime() - t2wall;

        // the ceiling: JSqlParser alone on the same normalised statements (both is_incremental() renderings), warm
        List<String> statements = new ArrayList<>();
        for (FileAnalysis a : results) {
            for (var r : a.incremental() == null ? List.of(a.rendered()) : List.of(a.rendered(), a.incremental())) {
                Dialect own = projects.projectOf(a.path()).dialect();
                for (var piece : StatementSplitter.split(r.sql(), own)) {
                    statements.add(Normalizer.normalize(piece.text(), own).text());
                }
            }
        }
        long bare = Long.MAX_VALUE;
        for (int round = 0; round < (coverageOnly ? 0 : 5); round++) {
            long b0 = System.nanoTime();
            for (String st : statements) {
                bareParse(st);
            }
            bare = Math.min(bare, System.nanoTime() - b0);
        }

        int full = 0;
        int fallback = 0;
        int renderFailed = 0;
        int empty = 0;
        Map<String, Integer> problems = new TreeMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        for (FileAnalysis a : results) {
            if (a.rendered().failed()) {
                renderFailed++;
                problems.merge("render: " + shorten(a.rendered().error()), 1, Integer::sum);
            }
            if (a.statements().isEmpty()) {
                empty++;
                continue;
            }
            if (a.fullTree()) {
                full++;
            } else {
                fallback++;
                SqlStatement s = a.parsed().firstFallback().orElse(a.incrementalParsed() == null ? null
                        : a.incrementalParsed().firstFallback().orElse(null));
                String key = s == null ? "?" : shorten(s.problem());
                problems.merge(key, 1, Integer::sum);
                examples.putIfAbsent(key, a.path() + ":" + (s == null ? 0 : a.sourceLine(s.startLine())));
            }
        }
        int judged = full + fallback;
        for (DbtProject pr : projects.all()) {
            System.out.printf("project   %s%n", pr);
            System.out.printf("dialect   %s: %s%n", pr.dialect().id(), pr.dialectReason());
        }
        System.out.printf("models    %d (%d without any statement, e.g. macros-only or empty)%n", models.size(), empty);
        if (!otherRoots.isEmpty()) {
            System.out.printf("other dbt projects in this repository: %d (%s), %d model files there not read%n",
                    otherRoots.size(), String.join(", ", otherRoots), otherModels);
        }
        System.out.printf("full tree %d / %d = %.1f%%%n", full, judged, judged == 0 ? 0 : 100.0 * full / judged);
        System.out.printf("fallback  %d = %.1f%%   render failures (regex fallback) %d%n", fallback,
                judged == 0 ? 0 : 100.0 * fallback / judged, renderFailed);
        System.out.printf("load      %.0f ms%n", (tLoad - t0) / 1e6);
        System.out.printf("one core  %.0f files/s warm (%.0f ms, median of 3 passes)%n", models.size() / (onePass / 1e9), onePass / 1e6);
        System.out.printf("JSqlParser alone, one core, warm: %.0f files/s (best of 5 passes: %.0f ms for the same %d statements, %.0f kB)%n",
                models.size() / (bare / 1e9), bare / 1e6, statements.size(),
                statements.stream().mapToLong(String::length).sum() / 1e3);
        if (Runtime.getRuntime().availableProcessors() > 1) {
            System.out.printf("all cores %.0f files/s (%d cores, %.0f ms)%n", models.size() / (t3 / 1e9),
                    Runtime.getRuntime().availableProcessors(), t3 / 1e6);
        }
        System.out.printf("heap used %.0f MB%n", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
        int top = args.length > 2 && args[args.length - 2].equals("--top") ? Integer.parseInt(args[args.length - 1]) : 15;
        System.out.println("first failing construct per file, most frequent first:");
        problems.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> System.out.printf("  %4d  %s   (e.g. %s)%n", e.getValue(), e.getKey(), examples.getOrDefault(e.getKey(), "")));
    }

    /**
     * JSqlParser's own work on one statement, on this thread and without a time limit: the simple grammar first,
     * the complex one when that fails, as CCJSqlParserUtil does. (CCJSqlParserUtil.parse(String) would also start a
     * thread per call for its time-out, which is not parsing.)
     */
    static void bareParse(String statement) {
        try {
            CCJSqlParserUtil.newParser(statement).withAllowComplexParsing(false).Statement();
        } catch (Exception | Error simple) {
            try {
                CCJSqlParserUtil.newParser(statement).withAllowComplexParsing(true).Statement();
            } catch (Exception | Error complex) {
                // a failure costs its time like a success
            }
        }
    }

    private static String shorten(String s) {
        String x = s.replaceAll("at line \\d+, column \\d+", "").replaceAll("\\s+", " ").trim();
        return x.length() > 110 ? x.substring(0, 110) : x;
    }
}
