import dev.lastmile.dbt.DbtProject;
import dev.lastmile.dbt.Dialect;
import dev.lastmile.dbt.ProjectFiles;
import dev.lastmile.dbt.render.JinjaRenderer;
import dev.lastmile.dbt.render.Rendered;
import dev.lastmile.dbt.sql.SqlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Where the time goes, per phase and per file: render, then parse. usage: Profile DIR [dialect] */
public final class Profile {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Map<String, String> texts = new TreeMap<>();
        try (var w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                String n = p.toString();
                if (n.endsWith(".sql") || n.endsWith(".yml")) {
                    texts.put(root.relativize(p).toString(), Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        ProjectFiles files = ProjectFiles.of(texts);
        DbtProject project = DbtProject.load(files, args.length > 1 ? Dialect.fromAdapter(args[1]).orElse(null) : null);
        JinjaRenderer r = new JinjaRenderer(project, files, Map.of());
        List<String> models = texts.keySet().stream().filter(project::isModel).toList();
        for (int round = 0; round < 3; round++) {
            long render = 0, parse = 0, bare = 0;
            List<long[]> slow = new ArrayList<>();
            int i = 0;
            for (String m : models) {
                long a = System.nanoTime();
                Rendered x = r.render(m, texts.get(m), false);
                long b = System.nanoTime();
                SqlParser.parse(x.sql(), project.dialect());
                long c = System.nanoTime();
                for (var piece : dev.lastmile.dbt.sql.StatementSplitter.split(x.sql(), project.dialect())) {
                    String norm = dev.lastmile.dbt.sql.Normalizer.normalize(piece.text(), project.dialect()).text();
                    long d0 = System.nanoTime();
                    Coverage.bareParse(norm);
                    bare += System.nanoTime() - d0;
                }
                render += b - a;
                parse += c - b;
                slow.add(new long[] {c - b, b - a, i++});
            }
            System.out.printf("round %d: render %.0f ms, parse+model %.0f ms (JSqlParser alone, no time-out: %.0f ms), %d files -> %.0f files/s%n", round, render / 1e6, parse / 1e6, bare / 1e6,
                    models.size(), models.size() / ((render + parse) / 1e9));
            if (round == 2) {
                slow.sort((x, y) -> Long.compare(y[0], x[0]));
                for (int k = 0; k < 8 && k < slow.size(); k++) {
                    System.out.printf("  parse %6.1f ms render %6.1f ms  %s%n", slow.get(k)[0] / 1e6, slow.get(k)[1] / 1e6, models.get((int) slow.get(k)[2]));
                }
            }
        }
    }
}
