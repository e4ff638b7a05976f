package dev.lastmile.check.residency;

import dev.lastmile.core.engine.ScanEngine;
import dev.lastmile.core.engine.ScanResult;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyLoader;
import dev.lastmile.core.scan.ScanMode;
import dev.lastmile.core.source.InMemorySource;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (a main class, not a timed unit test): a generated dbt project of 600 models and 200 Terraform files,
 * scanned as a pull request that changes five models and one Terraform file. Prints the wall time of a cold run (fresh
 * JVM, first scan) and of a warm one. Run: {@code ./mvnw -q -pl checks/residency test-compile exec:java}.
 */
public final class ResidencyBenchmark {

    static final int SOURCES = 8;
    static final int TABLES_PER_SOURCE = 5;
    static final int STAGING = 160;
    static final int INTERMEDIATE = 240;
    static final int MARTS = 200;
    static final int TERRAFORM_FILES = 200;

    private ResidencyBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !List.of("full", "pr-infra", "pr-models").contains(args[0])) {
            throw new IllegalArgumentException("scenario is full, pr-infra or pr-models");
        }
        InMemorySource source = project();
        Policy policy = PolicyLoader.parse(".lastmile.yml", """
                residency:
                  target: prod
                  zones:
                    eu: {locations: [EU, europe-west1, europe-west3, eu-central-1]}
                    us: {locations: [US, us-east1, us-east-1]}
                  assets:
                    - {zone: eu, sources: [src0, src1, src2, "src3.*"]}
                    - {zone: us, sources: [src4]}
                  locations:
                    "raw-project.*": EU
                """);
        // a cold JVM pays class loading and JIT once: the first line is what a fresh Lambda or CLI process sees.
        // Argument: full | pr-infra | pr-models (that scenario first, in a cold JVM), default full.
        String first = args.length > 0 ? args[0] : "full";
        List<String> order = new java.util.ArrayList<>(List.of("full", "pr-infra", "pr-models"));
        order.remove(first);
        order.addFirst(first);
        boolean cold = true;
        for (String scenario : order) {
            String suffix = cold ? " (cold JVM)" : " (warm)";
            switch (scenario) {
                case "full" -> run("full scan, 600 models + 200 Terraform files" + suffix, source, "head", ScanMode.FULL, policy);
                case "pr-infra" -> run("PR: 5 marts + 1 Terraform file changed, every model judged" + suffix, source, "head",
                        ScanMode.PULL_REQUEST, policy);
                default -> run("PR: 5 marts changed, affected models judged" + suffix, source, "models-only",
                        ScanMode.PULL_REQUEST, policy);
            }
            cold = false;
        }
    }

    private static void run(String what, InMemorySource source, String head, ScanMode mode, Policy policy) {
        // wall time depends on what else the machine runs; process CPU time (JIT threads included) does not
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ScanResult r = new ScanEngine().scan(new ScanEngine.Request(source, "base", head, mode, null, policy,
                List.of(new ResidencyCheck()), null));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        System.out.printf(Locale.ROOT, "%-70s %5d ms wall, %5d ms CPU, %d files judged, %d findings, incomplete %s, load %.1f%n",
                what, ms, cpuMs, r.runs().getFirst().filesScanned(), r.findings().size(), r.runs().getFirst().incomplete(),
                os.getSystemLoadAverage());
    }

    static InMemorySource project() {
        InMemorySource s = new InMemorySource("bench/residency");
        s.revision("base").revision("head");
        for (String rev : List.of("base", "head")) {
            s.put(rev, "dbt_project.yml", """
                    name: bench
                    profile: bench
                    models:
                      bench:
                        staging: {+schema: staging, +materialized: view}
                        intermediate: {+schema: intermediate}
                        marts: {+schema: marts}
                    """);
            s.put(rev, "profiles.yml", """
                    bench:
                      target: dev
                      outputs:
                        dev: {type: bigquery, project: sandbox, dataset: dbt_dev, location: US}
                        prod: {type: bigquery, project: analytics-eu, dataset: analytics, location: EU}
                    """);
            s.put(rev, "macros/naming.sql", """
                    {% macro generate_schema_name(custom_schema_name, node) -%}
                      {%- if target.name == 'prod' and custom_schema_name is not none -%}{{ custom_schema_name | trim }}
                      {%- else -%}{{ target.schema }}{%- endif -%}
                    {%- endmacro %}
                    """);
            StringBuilder sources = new StringBuilder("version: 2\nsources:\n");
            for (int i = 0; i < SOURCES; i++) {
                sources.append("  - name: src").append(i).append("\n    database: raw-project\n    tables:\n");
                for (int t = 0; t < TABLES_PER_SOURCE; t++) {
                    sources.append("      - name: t").append(t).append('\n');
                }
            }
            s.put(rev, "models/staging/sources.yml", sources.toString());
            for (int i = 0; i < STAGING; i++) {
                int src = i % SOURCES;
                int table = (i / SOURCES) % TABLES_PER_SOURCE;
                s.put(rev, "models/staging/stg_" + i + ".sql", "select id, customer_id, amount, updated_at\nfrom {{ source('src"
                        + src + "', 't" + table + "') }}\nwhere updated_at > '2020-01-01'\n");
            }
            for (int i = 0; i < INTERMEDIATE; i++) {
                String a = i < 40 ? "stg_" + (i * 4 % STAGING) : "int_" + (i - 40 + (i % 7));
                String b = "stg_" + ((i * 7 + 3) % STAGING);
                s.put(rev, "models/intermediate/int_" + i + ".sql", "with a as (\n  select * from {{ ref('" + a + "') }}\n),\n"
                        + "b as (\n  select * from {{ ref('" + b + "') }}\n)\nselect a.id, a.customer_id, sum(b.amount) as amount\n"
                        + "from a\njoin b on a.customer_id = b.customer_id\ngroup by 1, 2\n");
            }
            for (int i = 0; i < MARTS; i++) {
                String project = i % 10 == 0 ? "analytics-us" : "analytics-eu";
                String dataset = i % 10 == 0 ? "us_marts_" + (i % 20) : "marts_" + (i % 20);
                s.put(rev, "models/marts/mart_" + i + ".sql", "{{ config(materialized='table', database='" + project
                        + "', schema='" + dataset + "') }}\nselect x.customer_id, sum(x.amount) as revenue, count(*) as n\n"
                        + "from {{ ref('int_" + (i % INTERMEDIATE) + "') }} x\njoin {{ ref('int_" + ((i * 3 + 1) % INTERMEDIATE)
                        + "') }} y on x.customer_id = y.customer_id\ngroup by 1\n");
            }
            for (int f = 0; f < TERRAFORM_FILES; f++) {
                String module = "infra/module_" + (f / 10);
                StringBuilder tf = new StringBuilder();
                if (f % 10 == 0) {
                    tf.append("variable \"region\" {\n  default = \"eu-central-1\"\n}\nprovider \"aws\" {\n  region = var.region\n}\n")
                            .append("provider \"aws\" {\n  alias  = \"us\"\n  region = \"us-east-1\"\n}\n");
                }
                int n = f % 20;
                boolean us = f % 10 == 0;
                tf.append("# generated file ").append(f).append('\n')
                        .append("resource \"google_bigquery_dataset\" \"marts_").append(f).append("\" {\n")
                        .append("  project    = \"").append(us ? "analytics-us" : "analytics-eu").append("\"\n")
                        .append("  dataset_id = \"").append(us ? "us_marts_" : "marts_").append(n).append("\"\n")
                        .append("  location   = \"").append(us ? "US" : "EU").append("\"\n")
                        .append("  labels = {\n    team = \"data\"\n  }\n}\n")
                        .append("resource \"aws_s3_bucket\" \"landing_").append(f).append("\" {\n")
                        .append(us ? "  provider = aws.us\n" : "")
                        .append("  bucket = \"acme-landing-").append(f).append("\"\n  tags = {\n    residency = \"")
                        .append(f % 3 == 0 ? "eu" : "us").append("\"\n  }\n}\n")
                        .append("resource \"google_storage_bucket\" \"files_").append(f).append("\" {\n  name     = \"acme-files-")
                        .append(f).append("\"\n  location = \"").append(f % 2 == 0 ? "EUROPE-WEST3" : "europe-west1").append("\"\n}\n");
                s.put(rev, module + "/file_" + f + ".tf", tf.toString());
            }
        }
        // the pull request: five marts and one Terraform file change
        for (int i = 0; i < 5; i++) {
            s.put("head", "models/marts/mart_" + (i * 10) + ".sql", "-- changed\n{{ config(materialized='table', database='analytics-us', schema='us_marts_"
                    + (i * 10 % 20) + "') }}\nselect customer_id, sum(amount) as revenue from {{ ref('int_" + (i * 13) + "') }} group by 1\n");
        }
        s.put("head", "infra/module_3/file_30.tf", "resource \"google_bigquery_dataset\" \"moved\" {\n  dataset_id = \"moved\"\n  location = \"US\"\n}\n");
        // a second head: the same five marts changed, no infrastructure
        s.revision("models-only");
        for (String p : s.files("base")) {
            s.put("models-only", p, new String(s.read("base", p).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 5; i++) {
            String p = "models/marts/mart_" + (i * 10) + ".sql";
            s.put("models-only", p, new String(s.read("head", p).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return s;
    }
}
