package dev.lastmile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary suite across every check family: credentials of every kind, planted in every kind of file the checks
 * read (dbt models and profiles, manifests and lock files of the dependency check, configuration, code, notebooks,
 * infrastructure), go through every check and every output the command line writes: text, JSON, SARIF, Markdown,
 * the findings store (run JSON, SARIF, Athena rows), the report (HTML, CSV, JSON), and everything printed to
 * standard error. No output may hold a canary, nor any 8-character piece of one.
 */
class CanarySuiteTest {

    private static final int WINDOW = 8;

    @TempDir
    Path tmp;

    /** Canary values: random-looking, each unique, long and short. */
    private static final Map<String, String> CANARIES = new LinkedHashMap<>();

    static {
        CANARIES.put("short password", "Zq7#mK2x");
        CANARIES.put("long password", "Hx8pL2qRv5mZt9wKc3Nd");
        CANARIES.put("sql password", "Wr5tYb8NqL3vXc7K");
        CANARIES.put("sql short password", "Pm4rT8vQ");
        CANARIES.put("aws key id", "AKIAQ3EGRHXZ7LN4WTPB");
        CANARIES.put("aws secret", "k9Vq2Lw8Xr4Tz6Nb3Mc7Hd5Jf1Gs0Ay8Pe2Qu6W");
        CANARIES.put("github token", "ghp_R4nD0mT0k3nV4lu3F0rC4n4ryT3st1ngX9z");
        CANARIES.put("slack token", "xoxb-2048617391-4096123857-Qw8Er5Ty2Ui9Op3As6Df");
        CANARIES.put("stripe key", "sk_live_51Hq8vRt2Lm9Xw4Zp7Kc3Nb6Jd");
        CANARIES.put("pip url token", "Tk4mQ9vL2xW7rN5bZ8cY3pJ6");
        CANARIES.put("npm url token", "Nu7pR3kW9qL5vX2mT8bZ4cY6");
        CANARIES.put("jdbc password", "Jd8bC4vN2mQ7xL5k");
        CANARIES.put("notebook password", "Nb6qW2eR8tY4uI9oP3aS");
        CANARIES.put("terraform password", "Tf3gH7jK2lZ9xC5vB8nM");
        CANARIES.put("docker password", "Dk5fG9hJ3kL7zX2cV6bN");
        CANARIES.put("properties secret", "Pr8oP4eR2tY6iE9sS3cR");
        CANARIES.put("python token", "Py2tH6oN9tO3kE7nS5xQ");
        CANARIES.put("logs password", "Lg4oG8sP2aS6sW9dR3eZ");
        CANARIES.put("pem body", "MIIEowIBAAKCAQEAr8Xq2Lw9Vm4Tz7Nb3Kc6Hd1Jf5Gs0Ay8Pe2Qu6WnYq3Rt7");
    }

    private static String c(String name) {
        return CANARIES.get(name);
    }

    @Test
    void noCredentialReachesAnyOutputOfAnyCheckFamily() throws Exception {
        Path repo = tmp.resolve("canary");
        Files.createDirectories(repo);
        PersonIdent who = new PersonIdent("t", "t@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(repo, "README.md", "canary\n");
            write(repo, "dbt_project.yml", "name: canary\nversion: '1.0'\nprofile: canary\nmodel-paths: ['models']\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("base").call();
            plant(repo);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("canaries").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        String committed;
        try (Stream<Path> files = Files.walk(repo)) {
            StringBuilder b = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/")).toList()) {
                b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
            committed = b.toString();
        }
        assertThat(CANARIES.values()).allSatisfy(v -> assertThat(committed).contains(v)); // the test cannot go stale

        Map<String, String> outputs = new LinkedHashMap<>();
        Path store = tmp.resolve("store");
        for (String format : List.of("text", "json", "sarif", "markdown")) {
            for (String mode : List.of("pr", "full")) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                List<String> args = new ArrayList<>(List.of("scan", "--repo", repo.toString(), "--format", format,
                        "--offline", "--store", store.toString(), "--job-id", format + "-" + mode));
                args.addAll(mode.equals("pr") ? List.of("--base", "base") : List.of("--full"));
                int rc = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
                assertThat(rc).as(err.toString()).isIn(0, 1);
                outputs.put(format + " " + mode + " stdout", out.toString());
                outputs.put(format + " " + mode + " stderr", err.toString());
            }
        }
        Path report = tmp.resolve("report");
        StringWriter rout = new StringWriter();
        StringWriter rerr = new StringWriter();
        assertThat(Main.run(new String[] {"report", "--store", store.toString(), "--out", report.toString()},
                new PrintWriter(rout, true), new PrintWriter(rerr, true))).as(rerr.toString()).isZero();
        outputs.put("report stdout", rout.toString() + rerr);
        for (Path root : List.of(store, report)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    outputs.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(outputs.keySet()).anyMatch(k -> k.endsWith(".sarif")).anyMatch(k -> k.endsWith(".jsonl"))
                .anyMatch(k -> k.endsWith("index.html")).anyMatch(k -> k.endsWith(".csv"));
        // the families' findings are there: the suite judges real output, not an empty report
        com.fasterxml.jackson.databind.JsonNode doc = dev.lastmile.core.output.Json.parse(outputs.get("json pr stdout"));
        List<String> ran = new ArrayList<>();
        doc.path("checks").forEach(n -> ran.add(n.path("name").asText()));
        assertThat(ran).contains("secrets", "sql", "licenses", "residency", "impact");
        List<String> reported = new ArrayList<>();
        doc.path("findings").forEach(n -> reported.add(n.path("check").asText()));
        assertThat(reported).contains("secrets", "sql");
        assertThat(outputs.get("json pr stdout")).contains("private-lib comes from git+https://");

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> canary : CANARIES.entrySet()) {
            String v = canary.getValue();
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                for (int i = 0; i + WINDOW <= v.length(); i++) {
                    String piece = v.substring(i, i + WINDOW);
                    int at = o.getValue().indexOf(piece);
                    if (at >= 0) {
                        String around = o.getValue().substring(Math.max(0, at - 60),
                                Math.min(o.getValue().length(), at + 60)).replace('\n', ' ');
                        leaks.add(canary.getKey() + " in " + o.getKey() + ": …" + around + "…");
                        break;
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** Near misses of the redaction layer: every rule's own words read as they were written. */
    @Test
    void redactionLeavesEveryRulesOwnTextAlone() {
        List<dev.lastmile.core.model.RuleMeta> rules = new ArrayList<>(dev.lastmile.core.engine.CoreRules.all());
        CheckRegistry.create(CheckRegistry.names(), new CheckRegistry.Options(true)).forEach(c -> rules.addAll(c.rules()));
        assertThat(rules).hasSizeGreaterThan(20).allSatisfy(r -> {
            assertThat(dev.lastmile.core.util.Redactor.redactPatterns(r.summary())).isEqualTo(r.summary());
            assertThat(dev.lastmile.core.util.Redactor.redactPatterns(r.remediation())).isEqualTo(r.remediation());
        });
    }

    private static void plant(Path repo) throws IOException {
        write(repo, ".env", "DB_PASSWORD=" + c("long password") + "\nADMIN_PASSWORD=" + c("short password") + "\n");
        write(repo, "profiles.yml", "canary:\n  target: prod\n  outputs:\n    prod:\n      type: postgres\n"
                + "      host: db\n      user: etl\n      password: " + c("long password") + "\n");
        // a statement the SQL parser cannot read quotes the credential in its parse notice
        write(repo, "models/create_user.sql", "create user etl password = '" + c("sql password") + "' ((( with grant\n");
        write(repo, "models/alter_role.sql", "{{ config(materialized='table') }}\nalter role etl with password '"
                + c("sql short password") + "' valid until ((\n");
        write(repo, "requirements.txt", "requests==2.31.0\ngit+https://ci:" + c("pip url token")
                + "@github.com/acme/private-lib.git@v1#egg=private-lib\n");
        write(repo, "package.json", "{\"name\":\"canary\",\"version\":\"1.0.0\",\"dependencies\":{\"private-lib\":"
                + "\"git+https://deploy:" + c("npm url token") + "@github.com/acme/private-lib.git\"}}\n");
        write(repo, "config/settings.json", "{\"aws_access_key_id\": \"" + c("aws key id") + "\", "
                + "\"aws_secret_access_key\": \"" + c("aws secret") + "\"}\n");
        write(repo, "scripts/deploy.sh", "#!/bin/sh\nexport GITHUB_TOKEN=" + c("github token") + "\n"
                + "curl -H 'Authorization: Bearer " + c("slack token") + "' https://slack.com/api\n");
        write(repo, "scripts/billing.py", "import stripe\nstripe.api_key = \"" + c("stripe key") + "\"\n"
                + "API_TOKEN = \"" + c("python token") + "\"\n");
        write(repo, "conf/app.properties", "jdbc.url=jdbc:sqlserver://db;user=etl;password=" + c("jdbc password")
                + ";encrypt=true\nclient.secret=" + c("properties secret") + "\n");
        write(repo, "notebooks/explore.ipynb", "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},\"outputs\":[],"
                + "\"source\":[\"password = \\\"" + c("notebook password") + "\\\"\\n\"]}],\"metadata\":{},"
                + "\"nbformat\":4,\"nbformat_minor\":5}\n");
        write(repo, "infra/main.tf", "resource \"aws_db_instance\" \"db\" {\n  password = \"" + c("terraform password")
                + "\"\n  region = \"eu-west-1\"\n}\n");
        write(repo, "Dockerfile", "FROM python:3.12\nENV DB_PASSWORD=" + c("docker password") + "\n");
        write(repo, "keys/deploy.pem", "-----BEGIN RSA PRIVATE KEY-----\n" + c("pem body") + "\n"
                + "xR7tY2uI9oP4aS6dF8gH3jK5lZ1xC0vB7nM2qW4eR6tY8uI0oP3aS5dF7gH9jK1l\n-----END RSA PRIVATE KEY-----\n");
        write(repo, "logs/app.log", "2026-12-07 connecting with password=" + c("logs password") + "\n");
    }

    private static void write(Path repo, String path, String text) throws IOException {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
