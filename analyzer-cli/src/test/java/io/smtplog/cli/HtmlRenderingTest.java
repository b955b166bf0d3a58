package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML summary of the Postfix and Exim samples in headless Chromium (Debian's chromium
 * package; .ci/run installs it) with the network off, and checks what the browser made of it: the
 * parsed document has the four charts and every section's table, and the screenshot shows the
 * charts' colours. Skipped, saying why, where no Chromium is installed.
 */
class HtmlRenderingTest {
  private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome");

  private static Optional<String> browser() {
    return BROWSERS.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst();
  }

  @Test
  void chromiumRendersTheChartsAndTables(@TempDir Path dir) throws Exception {
    Optional<String> chromium = browser();
    Assumptions.assumeTrue(chromium.isPresent(), "no Chromium at " + BROWSERS + ": apt-get install chromium");
    Path html = dir.resolve("summary.html");
    CliRun run = CliRun.run("report", "summary", "--format", "html", "--output", html.toString(), "--year", "2026",
        "--timezone", "UTC", CliRun.sample("postfix/loopback-relay.log").toString(),
        CliRun.sample("exim/relay-mainlog.log").toString());
    assertThat(run.exitCode()).isZero();

    String dom = chromium(chromium.get(), dir, "--dump-dom", html.toUri().toString());
    assertThat(count(dom, "<svg")).as("charts").isEqualTo(4);
    for (String chart : List.of("chart-traffic", "chart-replies", "chart-domains", "chart-delays")) {
      assertThat(dom).contains("id=\"" + chart + "\"");
    }
    assertThat(count(dom, "<table class=\"section\"")).as("tables").isEqualTo(23);
    assertThat(count(dom, "<rect")).as("bars").isGreaterThan(30);
    assertThat(dom).contains("user-not-local-will-forward").contains("smtplog.test");

    Path png = dir.resolve("summary.png");
    chromium(chromium.get(), dir, "--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    // The outcome colours of the charts (delivered, deferred, bounced) are on the screen.
    for (int rgb : new int[] {0x009E73, 0xE69F00, 0xD55E00}) {
      assertThat(pixels(image, rgb)).as("pixels of #%06X", rgb).isGreaterThan(500);
    }
  }

  private static String chromium(String binary, Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
        // Nothing may leave the machine; the page needs nothing from outside anyway (its CSP says so).
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err").toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit; stderr: %s", Files.readString(dir.resolve("chromium.err"))).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static long count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static long pixels(BufferedImage image, int rgb) {
    return Stream.iterate(0, y -> y < image.getHeight(), y -> y + 1).mapToLong(y -> {
      long n = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
      return n;
    }).sum();
  }
}
