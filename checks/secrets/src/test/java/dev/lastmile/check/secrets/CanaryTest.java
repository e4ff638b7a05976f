package dev.lastmile.check.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.model.Finding;
import dev.lastmile.core.output.JsonReport;
import dev.lastmile.core.output.MarkdownSummary;
import dev.lastmile.core.output.Sarif;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import dev.lastmile.core.store.FindingsStore;
import dev.lastmile.core.store.LocalObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary test: canary secrets of every kind go through a real scan (engine, policy, history) and every output
 * lastmile writes (JSON report, SARIF, the pull request's Markdown summary, the findings store's run documents, SARIF
 * and Athena rows, and anything printed while scanning); no output may hold a canary, nor any 8-character piece of one. The masked preview (2 + 2
 * characters) is the most a finding may show.
 */
class CanaryTest {

    private static final int WINDOW = 8;

    @TempDir
    Path store;

    @Test
    void noSecretValueReachesAnyOutput() throws IOException {
        Samples s = new Samples(424242L);
        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("billing password", "qW8rT5yU2iO9pA3s"); // lastmile:allow canary
        canaries.put("aws key id", s.awsKeyId());
        canaries.put("aws secret", s.awsSecret());
        canaries.put("github token", s.githubToken());
        canaries.put("url password", s.password());
        canaries.put("notebook password", s.password());
        canaries.put("short password", "Zq7#mK2x"); // lastmile:allow canary; shorter than 12: no preview at all
        canaries.put("history-only token", s.apiToken());
        canaries.put("sql password", s.password());
        canaries.put("dbt cloud token", s.dbtCloudToken());
        canaries.put("query-string token", s.apiToken());
        String pem = s.pemPrivateKey();
        String pemBody = pem.lines().skip(1).limit(3).reduce("", String::concat);
        canaries.put("pem body", pemBody);

        InMemorySource src = new InMemorySource("shop/billing");
        src.put("base", "dbt_project.yml", "name: billing\n");
        src.put("c1", "dbt_project.yml", "name: billing\n");
        src.put("c1", "scripts/setup.py", "TOKEN = \"" + canaries.get("history-only token") + "\"\n");
        src.put("c2", "dbt_project.yml", "name: billing\n");
        src.put("c2", "scripts/setup.py", "import os\nTOKEN = os.environ[\"TOKEN\"]\n");
        src.put("c2", "profiles.yml", "billing:\n  outputs:\n    ci:\n      type: snowflake\n      password: \""
                + canaries.get("billing password") + "\"\n      private_key: |\n        " + pem.replace("\n", "\n        ")
                + "\n");
        src.put("c2", "ops/credentials", "[default]\naws_access_key_id = " + canaries.get("aws key id")
                + "\naws_secret_access_key = " + canaries.get("aws secret") + "\n");
        src.put("c2", ".env", "GITHUB_TOKEN=" + canaries.get("github token") + "\nDATABASE_URL=postgresql://app:"
                + canaries.get("url password") + "@db/app\nSHORT_PASSWORD=" + canaries.get("short password") + "\n");
        src.put("c2", "notebooks/x.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [], \"source\": [\n"
                + "\"password = '" + canaries.get("notebook password") + "'\\n\"]}], \"nbformat\": 4}\n");
        src.put("c2", "setup/users.sql", "create user loader password = '" + canaries.get("sql password") + "';\n");
        src.put("c2", "scripts/trigger.sh", "curl -H \"Authorization: Token " + canaries.get("dbt cloud token")
                + "\" https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/\ncurl 'https://api.partner.example.net/v1/x?"
                + "access_token=" + canaries.get("query-string token") + "'\n");
        // a broken JSON file whose parser message would quote the secret
        src.put("c2", "config/broken.json", "{\"password\": " + canaries.get("sql password") + "x }\n");

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ScanResult result;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            result = new ScanEngine().scan(new ScanEngine.Request(src, "base", "c2", ScanMode.PULL_REQUEST, 7, null,
                    List.of(new SecretsCheck()), null));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        // the test only proves something if every canary was found
        List<Finding> findings = result.findings();
        assertThat(findings).anyMatch(f -> f.path().equals("profiles.yml") && f.ruleId().equals("SEC001"));
        assertThat(findings).anyMatch(f -> f.path().equals("profiles.yml") && f.ruleId().equals("SEC005"));
        assertThat(findings).filteredOn(f -> f.path().equals("ops/credentials") && f.ruleId().equals("SEC003")).hasSize(2);
        assertThat(findings).anyMatch(f -> f.path().equals(".env") && f.ruleId().equals("SEC006"));
        assertThat(findings).anyMatch(f -> f.path().equals(".env") && f.ruleId().equals("SEC002"));
        assertThat(findings).anyMatch(f -> f.path().equals(".env") && f.ruleId().equals("SEC001") && f.line() == 3);
        assertThat(findings).anyMatch(f -> f.path().equals("notebooks/x.ipynb"));
        assertThat(findings).anyMatch(f -> f.path().equals("scripts/setup.py") && f.message().contains("commit c1"));
        assertThat(findings).anyMatch(f -> f.path().equals("setup/users.sql"));
        assertThat(findings).anyMatch(f -> f.path().equals("config/broken.json") && f.ruleId().equals("SEC090"));
        assertThat(findings).anyMatch(f -> f.path().equals("scripts/trigger.sh") && f.ruleId().equals("SEC014"));
        assertThat(findings).anyMatch(f -> f.path().equals("scripts/trigger.sh") && f.ruleId().equals("SEC002"));

        Map<String, byte[]> outputs = new LinkedHashMap<>();
        outputs.put("json report", JsonReport.write(result).getBytes(StandardCharsets.UTF_8));
        outputs.put("sarif", Sarif.write(result).getBytes(StandardCharsets.UTF_8));
        outputs.put("pull request summary (Markdown)",
                MarkdownSummary.render(result, "https://github.com/shop/billing/blob/c2").getBytes(StandardCharsets.UTF_8));
        outputs.put("printed while scanning", printed.toByteArray());
        outputs.put("findings toString", findings.toString().getBytes(StandardCharsets.UTF_8));
        new FindingsStore(new LocalObjectStore(store)).save("job-1", result);
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                outputs.put("store " + store.relativize(p), Files.readAllBytes(p));
            }
        }
        assertThat(outputs.keySet()).anyMatch(k -> k.startsWith("store runs/"));

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> o : outputs.entrySet()) {
            String text = new String(o.getValue(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> c : canaries.entrySet()) {
                String v = c.getValue();
                for (int i = 0; i + WINDOW <= v.length(); i++) {
                    if (text.contains(v.substring(i, i + WINDOW))) {
                        leaks.add(c.getKey() + " (chars " + i + "-" + (i + WINDOW) + ") in " + o.getKey());
                        break;
                    }
                }
            }
        }
        assertThat(leaks).as("secret values in outputs").isEmpty();
    }
}
