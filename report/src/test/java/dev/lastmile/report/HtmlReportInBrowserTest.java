package dev.lastmile.report;

import static dev.lastmile.report.ReportFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.FindingStatus;
import dev.lastmile.core.model.Severity;
import dev.lastmile.core.store.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium} package), checks the
 * chart and tables are in the rendered page, and takes desktop and phone-width screenshots (the one in docs/ was
 * made this way). Without Chromium on the machine the test is skipped with the reason; {@code .ci/run} installs it.
 */
class HtmlReportInBrowserTest {

    @TempDir
    Path dir;

    static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private String runChromium(Path browser, Path html, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile-" + System.nanoTime())));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    @Test
    void theReportRendersItsChartAndTablesWithoutScripts() throws Exception {
        Path browser = chromium();
        Assumptions.assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium); .ci/run installs it");

        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        ReportFixtures fx = new ReportFixtures(store);
        Instant week = Instant.parse("2026-09-07T02:00:00Z");
        for (int i = 0; i < 8; i++) {
            List<dev.lastmile.core.model.Finding> findings = new ArrayList<>();
            for (int j = 0; j < 3 + (i * 7) % 11; j++) {
                Severity s = Severity.values()[(i + j) % 5];
                findings.add(finding("f" + ((i / 2) * 5 + j), s, FindingStatus.EXISTING, "models/marts/m" + j + ".sql", j + 1));
            }
            fx.full(i % 2 == 0 ? "acme/shop" : "acme/billing", String.format("%040x", i + 1), week.plusSeconds(i * 7L * 86400),
                    findings.toArray(dev.lastmile.core.model.Finding[]::new));
        }
        Report report = new ReportGenerator(4).build(store, Instant.parse("2026-11-02T08:00:00Z"));
        Path out = dir.resolve("report");
        ReportGenerator.writeTo(out, report);
        Path html = out.resolve("index.html");

        // the page has no scripts at all (ReportTest asserts it); headless --dump-dom and --screenshot themselves
        // need the browser's script engine, so it stays on here
        String dom = runChromium(browser, html, "--dump-dom");
        assertThat(dom).contains("<svg", "class=\"bar-new\"", "class=\"bar-fixed\"", "By repository", "Top rules", "acme/shop");
        assertThat(dom.split("<tr", -1).length - 1).as("table rows rendered").isGreaterThan(10);

        Path desktop = Path.of("target", "report-desktop.png").toAbsolutePath();
        Path phone = Path.of("target", "report-phone.png").toAbsolutePath();
        runChromium(browser, html, "--screenshot=" + desktop, "--window-size=1200,1600", "--hide-scrollbars");
        runChromium(browser, html, "--screenshot=" + phone, "--window-size=390,1400", "--hide-scrollbars");
        for (Path png : List.of(desktop, phone)) {
            byte[] head = Files.readAllBytes(png);
            assertThat(head.length).as(png + " is a real screenshot").isGreaterThan(10_000);
            assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
