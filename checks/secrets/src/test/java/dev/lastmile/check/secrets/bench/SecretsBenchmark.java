package dev.lastmile.check.secrets.bench;

import dev.lastmile.check.secrets.SecretsCheck;
import dev.lastmile.check.secrets.Samples;
import dev.lastmile.core.engine.CheckRun;
import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;

/**
 * Throughput of the credentials check on a generated 10,000-file data repository (dbt models and YAML, Python
 * pipelines and DAGs, notebooks, JSON configs, seeds, docs, Terraform; about 2% of files hold a credential), scanned
 * in full through the scan engine, as {@code lastmile scan --full --checks secrets} would. Not a unit test: run it by
 * hand, once, and write the figure into docs/secrets.md.
 *
 * <pre>
 * cd /work/main && ./mvnw -q -B -o -pl checks/secrets test-compile
 * java -cp "checks/secrets/target/test-classes:checks/secrets/target/classes:$(cat cp.txt)" \
 *     dev.lastmile.check.secrets.bench.SecretsBenchmark [files]
 * </pre>
 */
public final class SecretsBenchmark {

    private SecretsBenchmark() {
    }

    public static void main(String[] args) {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        InMemorySource repo = generate(files, new Samples(1L));
        long bytes = repo.files("head").stream().mapToLong(p -> repo.read("head", p).orElseThrow().length).sum();
        System.out.printf("generated %,d files, %,d KiB%n", files, bytes / 1024);
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            ScanResult r = new ScanEngine().scan(new ScanEngine.Request(repo, null, "head", ScanMode.FULL, null, null,
                    List.of(new SecretsCheck()), null));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            CheckRun c = r.runs().getFirst();
            System.out.printf("run %d (%s JVM): %,d files scanned, %,d findings, %,d ms wall, %,.0f files/s%n", run,
                    run == 1 ? "cold" : "warm", c.filesScanned(), c.findings().size(), ms, c.filesScanned() * 1000.0 / ms);
        }
    }

    static InMemorySource generate(int files, Samples s) {
        InMemorySource repo = new InMemorySource("bench/shop");
        repo.revision("head");
        for (int i = 0; i < files; i++) {
            boolean secret = i % 47 == 3; // about 2%, spread over every file kind
            String dir = "domain_" + (i % 40);
            switch (i % 10) {
                case 0, 1, 2 -> repo.put("head", "models/" + dir + "/model_" + i + ".sql", sql(i, secret, s));
                case 3 -> repo.put("head", "models/" + dir + "/schema_" + i + ".yml", yaml(i, secret, s));
                case 4 -> repo.put("head", "pipelines/" + dir + "/job_" + i + ".py", python(i, secret, s));
                case 5 -> repo.put("head", "config/" + dir + "/conf_" + i + ".json", json(i, secret, s));
                case 6 -> repo.put("head", "notebooks/" + dir + "/nb_" + i + ".ipynb", notebook(i, secret, s));
                case 7 -> repo.put("head", "seeds/" + dir + "/seed_" + i + ".csv", csv(i, s));
                case 8 -> repo.put("head", "docs/" + dir + "/page_" + i + ".md", markdown(i, secret, s));
                default -> repo.put("head", "infra/" + dir + "/main_" + i + ".tf", terraform(i, secret, s));
            }
        }
        return repo;
    }

    private static String sql(int i, boolean secret, Samples s) {
        StringBuilder b = new StringBuilder("{{ config(materialized='table', unique_key='order_id') }}\n\nwith src as (\n"
                + "    select * from {{ ref('stg_orders_" + i + "') }}\n)\nselect\n");
        for (int c = 0; c < 40; c++) {
            b.append("    src.column_").append(c).append(" as col_").append(c).append(",\n");
        }
        b.append("    md5(cast(order_id as varchar)) as order_key\nfrom src\nwhere ordered_at >= '2024-01-01'\n");
        if (secret) {
            b.append("-- create user tmp password = '").append(s.password()).append("'\n"); // commented out, still leaked
        }
        return b.toString();
    }

    private static String yaml(int i, boolean secret, Samples s) {
        StringBuilder b = new StringBuilder("version: 2\nmodels:\n");
        for (int m = 0; m < 8; m++) {
            b.append("  - name: model_").append(i).append('_').append(m).append("\n    description: Orders by day\n")
                    .append("    config:\n      unique_key: order_id\n    columns:\n      - name: order_id\n")
                    .append("        tests: [unique, not_null]\n      - name: password_hash\n        meta: {contains_pii: true}\n");
        }
        if (secret) {
            b.append("vars:\n  api_token: \"").append(s.apiToken()).append("\"\n");
        }
        return b.toString();
    }

    private static String python(int i, boolean secret, Samples s) {
        StringBuilder b = new StringBuilder("import os\nimport requests\n\n\ndef run_" + i + "(day):\n"
                + "    token = os.environ[\"API_TOKEN\"]\n    url = f\"https://api.example.com/v2/orders?day={day}\"\n"
                + "    resp = requests.get(url, headers={\"Authorization\": f\"Bearer {token}\"}, timeout=30)\n"
                + "    resp.raise_for_status()\n    return resp.json()\n");
        for (int f = 0; f < 15; f++) {
            b.append("\n\ndef helper_").append(f).append("(rows):\n    return [r for r in rows if r.get(\"status\") == \"")
                    .append(f).append("\"]\n");
        }
        if (secret) {
            b.append("\nAWS = dict(aws_access_key_id=\"").append(s.awsKeyId()).append("\", aws_secret_access_key=\"")
                    .append(s.awsSecret()).append("\")\n");
        }
        return b.toString();
    }

    private static String json(int i, boolean secret, Samples s) {
        StringBuilder b = new StringBuilder("{\n  \"name\": \"conf_" + i + "\",\n  \"retries\": 3,\n  \"tables\": [\n");
        for (int t = 0; t < 30; t++) {
            b.append("    {\"name\": \"t").append(t).append("\", \"key\": \"id\", \"checksum\": \"")
                    .append(s.chars("0123456789abcdef", 64)).append("\"},\n");
        }
        b.append("    {\"name\": \"last\"}\n  ]");
        if (secret) {
            b.append(",\n  \"slack\": \"").append(s.slackWebhook()).append('"');
        }
        return b.append("\n}\n").toString();
    }

    private static String notebook(int i, boolean secret, Samples s) {
        return "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [{\"output_type\": \"stream\", \"text\": [\"rows: " + i
                + "\\n\"]}], \"source\": [\"import pandas as pd\\n\", \"df = pd.read_sql('select 1', conn)\\n\""
                + (secret ? ", \"password = '" + s.password() + "'\\n\"" : "")
                + "]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    }

    private static String csv(int i, Samples s) {
        StringBuilder b = new StringBuilder("id,code,blob\n");
        for (int r = 0; r < 40; r++) {
            b.append(r).append(",C").append(i).append(',').append(s.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop0123456789+/", 60)).append('\n');
        }
        return b.toString();
    }

    private static String markdown(int i, boolean secret, Samples s) {
        return "# Page " + i + "\n\nConnect with `postgresql://user:<password>@localhost/db`.\n\n"
                + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20) + "\n"
                + (secret ? "\nTemporary: `postgresql://loader:" + s.password() + "@db.internal/orders`\n" : "");
    }

    private static String terraform(int i, boolean secret, Samples s) {
        return "resource \"aws_s3_bucket\" \"b" + i + "\" {\n  bucket = \"shop-" + i + "\"\n  tags = {\n    team = \"data\"\n  }\n}\n"
                + "variable \"db_password_" + i + "\" {\n  type = string\n  sensitive = true\n"
                + (secret ? "  default = \"" + s.password() + "\"\n" : "") + "}\n";
    }
}
