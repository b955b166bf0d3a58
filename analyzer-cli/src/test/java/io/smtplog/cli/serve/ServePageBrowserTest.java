package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.cli.AnalyzerCli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code smtplog serve} in a real browser: Debian's chromium driven through its
 * chromedriver (/usr/bin, so nothing is downloaded) against the server on a loopback port, over an
 * index of the sample logs plus a dialogue with hostile text. Types a query, clicks a facet, opens a
 * dialogue (the 251 reply and its forward-path highlighted), the relay view (the 250/251 split and the
 * report's charts in their frame), and checks the browser's console stayed clean (no CSP violation,
 * no script error). Screenshots go to target/ui-screenshots/. Skipped, saying why, without chromium
 * or chromium-driver (.ci/run installs both).
 */
class ServePageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
  private static final String TOKEN = "browser-test-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** A client's dialogue of the debug_peer_list sample with its EHLO and a reply line made hostile. */
  private static final String HELO = "<script>alert(1)</script>";
  private static final String REPLY_LINE = "<img src=x onerror=alert(2)>";

  @TempDir static Path dir;
  private static Path index;
  private static WebServer server;
  private static ChromeDriverService service;
  private static ChromeDriver driver;
  private static final AtomicLong linesRead = new AtomicLong(1234);
  private static String base;
  /** What the server writes of internal errors: nothing, while the page is used. */
  private static final StringWriter serverLog = new StringWriter();

  @BeforeAll
  static void startServerAndBrowser() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium");
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
        "no " + CHROMEDRIVER + ": apt-get install chromium-driver");
    index = dir.resolve("index");
    Path hostile = dir.resolve("hostile");
    Files.createDirectories(hostile);
    Files.writeString(hostile.resolve("hostile-peer.log"), hostileDialogue(), StandardCharsets.UTF_8);
    cli("ingest", "--index", index.toString(), sample("postfix"), sample("exim"), sample("transcripts"),
        hostile.toString());
    StatusSource status = () -> new StatusSource.Following(List.of("/var/log/mail.log"), linesRead.get(),
        Optional.of(Instant.now()));
    server = WebServer.start(new WebServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), index,
        Optional.of(AccessToken.of(TOKEN)), Duration.ofSeconds(10), MetricsWriter.NONE, status),
        new PrintWriter(serverLog, true));
    base = "http://127.0.0.1:" + server.address().getPort() + "/";

    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--lang=en-US", "--window-size=1280,1000",
        "--user-data-dir=" + dir.resolve("profile"),
        // Nothing may leave the machine: every request but loopback (bypassed by default) goes to a closed port.
        "--proxy-server=127.0.0.1:9");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
    // The first load carries the token; the page keeps it and takes it out of the address.
    driver.get(base + "?token=" + TOKEN);
    waitFor("the first status", d -> !text("live").startsWith("connecting"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The console line of an answer the test asked for (a 400 for a bad query), not counted as an error. */
  private String expectedFailure;

  /** Every test leaves the console without errors: a CSP violation or a script error is one. */
  @AfterEach
  void consoleHasNoErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      boolean expected = expectedFailure != null && e.getMessage().contains(expectedFailure);
      if (!expected && (e.getLevel().intValue() >= Level.WARNING.intValue()
          || e.getMessage().contains("Content Security Policy"))) {
        errors.add(e.getLevel() + " " + e.getMessage());
      }
    }
    assertThat(errors).as("browser console").isEmpty();
    assertThat(serverLog.toString()).as("the server's internal errors").isEmpty();
  }

  @Test
  void tokenIsKeptAndTakenOutOfTheAddress() {
    assertThat(driver.getCurrentUrl()).doesNotContain("token");
    assertThat(driver.executeScript("return sessionStorage.getItem('smtplog.token')")).isEqualTo(TOKEN);
    // Every API call carried it (the server refuses any without): the status line says what it read.
    String live = String.format(Locale.US, "live: %,d lines, last commit ", linesRead.get());
    waitFor("the live line", d -> text("live").startsWith(live));
    assertThat(text("live")).matches(Pattern.quote(live) + "\\d\\d:\\d\\d:\\d\\d");
  }

  @Test
  void searchThenFacetThenDialogueWithThe251Highlighted() throws IOException {
    long forwarded = count("rcpt_code:251");
    long forwardedToNet = count("(rcpt_code:251) AND domain:\"example.net\"");
    assertThat(forwardedToNet).isPositive().isLessThan(forwarded);
    open("");

    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("rcpt_code:251", Keys.ENTER);
    waitFor(forwarded + " hits", d -> text("hits-summary").equals(forwarded + " hits"));
    assertThat(driver.getCurrentUrl()).endsWith("#q=rcpt_code%3A251");
    List<WebElement> rows = driver.findElements(By.cssSelector("#hits-body tr.hit"));
    assertThat(rows).hasSize((int) forwarded);
    assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("class")).contains("fwd251"));
    assertThat(driver.findElement(By.cssSelector("#hits-body tr.hit .fwd-path")).getText()).matches("→ \\S+@\\S+");
    screenshot("search.png");

    driver.findElement(By.cssSelector("#facets button[data-field='domain'][data-value='example.net']")).click();
    waitFor(forwardedToNet + " hits", d -> text("hits-summary").equals(forwardedToNet + " hits"));
    assertThat(driver.findElements(By.cssSelector("#chips .chip-text"))).extracting(WebElement::getText)
        .containsExactly("domain:\"example.net\"");
    assertThat(driver.findElements(By.cssSelector("#hits-body tr.hit td:nth-child(6)"))).extracting(WebElement::getText)
        .containsOnly("example.net");

    driver.findElement(By.cssSelector("#hits-body tr.hit button.open-session")).click();
    WebElement reply = waitFor("the 251 reply of the dialogue", d -> first(d, "#detail tr.reply.fwd251"));
    assertThat(reply.findElement(By.cssSelector(".tag")).getText()).isEqualTo("user-not-local-will-forward");
    WebElement path = reply.findElement(By.cssSelector("mark.fwd-path"));
    assertThat(path.getText()).matches("→ fwd\\.\\w+@forward\\.example\\.net");
    assertThat(reply.findElement(By.cssSelector(".line")).getText())
        .startsWith("251 2.1.5 User not local; will forward to")
        .contains(path.getText().substring(2));
    assertThat(reply.getCssValue("background-color")).isEqualTo("rgba(255, 241, 214, 1)");
    assertThat(driver.findElement(By.id("detail")).isDisplayed()).isTrue();
    screenshot("session.png");

    // The chip's × takes the filter away; back brings it again (the hash keeps the search).
    driver.findElement(By.cssSelector("#chips .chip-remove")).click();
    waitFor(forwarded + " hits", d -> text("hits-summary").equals(forwarded + " hits"));
    assertThat(driver.findElements(By.cssSelector("#chips .chip"))).isEmpty();
    driver.navigate().back();
    waitFor(forwardedToNet + " hits", d -> text("hits-summary").equals(forwardedToNet + " hits"));
  }

  @Test
  void queueIdOpensTheTraceWithItsLines() {
    open("#q=rcpt_code%3A251");
    waitFor("the hits", d -> text("hits-summary").endsWith(" hits"));
    WebElement qid = driver.findElement(By.cssSelector("#hits-body button.qid"));
    String id = qid.getText();
    qid.click();
    waitFor("the trace", d -> text("detail-title").equals("Trace of " + id)
        && !d.findElements(By.cssSelector("#detail ol.lines li")).isEmpty());
    List<String> lines = driver.findElements(By.cssSelector("#detail ol.lines li")).stream().map(WebElement::getText)
        .toList();
    assertThat(lines).anyMatch(l -> l.contains(id + ": ")).anyMatch(l -> l.contains(" 251 2.1.5 "));
    assertThat(driver.findElements(By.cssSelector("#detail table.hits tr.hit.fwd251"))).isNotEmpty();
  }

  @Test
  void anApiErrorIsOneLineInThePage() {
    open("");
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    expectedFailure = "status of 400 (Bad Request)";
    box.sendKeys("status:(", Keys.ENTER);
    WebElement error = waitFor("the error line", d -> first(d, "#error:not([hidden])"));
    assertThat(error.getText()).startsWith("cannot parse the query");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("status:deferred", Keys.ENTER);
    waitFor("the error gone", d -> !driver.findElement(By.id("error")).isDisplayed());
  }

  @Test
  void narrowScreenHasNoSidewaysScrolling() throws IOException {
    driver.manage().window().setSize(new Dimension(420, 900));
    try {
      open("#q=rcpt_code%3A251");
      waitFor("the hits", d -> text("hits-summary").endsWith(" hits"));
      JavascriptExecutor js = driver;
      // The hit table scrolls inside its own box; the page itself fits the width.
      assertThat((Long) js.executeScript("return document.documentElement.scrollWidth"))
          .isLessThanOrEqualTo((Long) js.executeScript("return document.documentElement.clientWidth"));
      screenshot("search-narrow.png");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  void relayViewShowsThe251SplitAndTheReportsCharts() throws IOException {
    JsonNode net = relayRow("example.net");
    open("");
    driver.findElement(By.id("tab-relay")).click();
    String row = "#relay-body tr[data-domain='example.net'] ";
    WebElement cell = waitFor("the relay table", d -> first(d, row + "td[data-col='forwarded_251']"));
    assertThat(cell.getText()).isEqualTo(net.path("forwarded_251").asText());
    assertThat(net.path("forwarded_251").asInt()).isPositive();
    assertThat(driver.findElement(By.cssSelector(row + "td[data-col='accepted_250']")).getText())
        .isEqualTo(net.path("accepted_250").asText());
    assertThat(driver.findElement(By.cssSelector(row + "meter")).getAttribute("value"))
        .isEqualTo(net.path("forwarded_251").asText());

    new WebDriverWait(driver, WAIT).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("relay-chart")));
    try {
      WebElement chart = waitFor("the chart in the frame", d -> first(d, "svg"));
      assertThat(chart.findElements(By.cssSelector("rect"))).hasSizeGreaterThan(5);
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("example.net");
    } finally {
      driver.switchTo().defaultContent();
    }
    screenshot("relay.png");
  }

  @Test
  void hostileTextFromTheLogIsShownAsText() throws IOException {
    open("");
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("helo:\"" + HELO + "\"", Keys.ENTER);
    waitFor("the hostile session", d -> text("hits-summary").equals("1 hit"));
    WebElement row = driver.findElement(By.cssSelector("#hits-body tr.hit"));
    assertThat(row.findElement(By.cssSelector("td.addr")).getText()).isEqualTo(HELO);
    row.findElement(By.cssSelector("button.open-session")).click();
    waitFor("the hostile dialogue", d -> d.findElements(By.cssSelector("#detail tr.cmd")).size() > 2);
    assertThat(driver.findElements(By.cssSelector("#detail tr.cmd .line"))).extracting(WebElement::getText)
        .contains("EHLO " + HELO);
    assertThat(driver.findElement(By.id("detail")).getText()).contains("250-" + REPLY_LINE);
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    JavascriptExecutor js = driver;
    assertThat(js.executeScript("return document.scripts.length")).isEqualTo(1L);
    assertThat(js.executeScript("return document.querySelectorAll('body img, body script').length")).isEqualTo(0L);
    screenshot("hostile.png");
  }

  @Test
  void liveStatusRefreshesWhenLinesWereRead() {
    open("#q=*");
    waitFor("the hits", d -> text("hits-summary").endsWith(" hits"));
    List<WebElement> rows = driver.findElements(By.cssSelector("#hits-body tr.hit[data-open^='session:']"));
    WebElement chosen = rows.get(rows.size() / 2);
    String open = chosen.getAttribute("data-open");
    chosen.findElement(By.cssSelector("button.open-session")).click();
    waitFor("the dialogue", d -> d.findElement(By.id("detail")).isDisplayed());
    JavascriptExecutor js = driver;
    js.executeScript("document.getElementById('hits-scroll').scrollTop = 200");
    linesRead.addAndGet(100);
    String expected = String.format(Locale.US, "live: %,d lines", linesRead.get());
    new WebDriverWait(driver, Duration.ofSeconds(12)).withMessage("the live line after a poll")
        .until(d -> text("live").startsWith(expected));
    // The search ran again: its rows are new elements (the old ones are gone from the page)...
    waitFor("the search run again", d -> {
      try {
        chosen.isDisplayed();
        return false;
      } catch (StaleElementReferenceException e) {
        return true;
      }
    });
    // ...and the chosen hit, its dialogue and the scrolled position stayed.
    assertThat(driver.findElements(By.cssSelector("#hits-body tr.hit.selected")))
        .extracting(r -> r.getAttribute("data-open")).isNotEmpty().containsOnly(open);
    assertThat(driver.findElement(By.id("detail")).isDisplayed()).isTrue();
    assertThat(((Number) js.executeScript("return document.getElementById('hits-scroll').scrollTop")).intValue())
        .isEqualTo(200);
  }

  // ---- helpers ----

  /** Loads the page afresh (a change of the hash alone would not reload it) with {@code hash}. */
  private static void open(String hash) {
    driver.get("about:blank");
    driver.get(base + hash);
    waitFor("the page loaded", d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return document.readyState === 'complete'")));
  }

  /** The first element {@code css} selects, or null (not yet there). */
  private static WebElement first(WebDriver d, String css) {
    return d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** Waits up to {@link #WAIT} for {@code condition}; a timeout says {@code what} was awaited. */
  private static <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }

  private static void screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static long count(String query) {
    return Long.parseLong(cli("query", "--index", index.toString(), "--count", query).strip());
  }

  private static JsonNode relayRow(String domain) throws IOException {
    JsonNode rows = new ObjectMapper().readTree(cli("report", "relay", "--index", index.toString(), "--format", "json"))
        .path("sections").path("relay").path("rows");
    for (JsonNode row : rows) {
      if (row.path("domain").asText().equals(domain)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + domain + " in " + rows);
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AnalyzerCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    assertThat(code).as("smtplog %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private static String sample(String relative) {
    String samples = System.getProperty("sampleLogs.dir", "../sample-logs");
    return Path.of(samples).resolve(relative).toAbsolutePath().normalize().toString();
  }

  /**
   * The first dialogue of sample-logs/transcripts/postfix-debug-peer.log (Postfix's debug_peer_list
   * lines) under another process id, its EHLO a script tag and one reply line an image with a handler.
   */
  private static String hostileDialogue() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(sample("transcripts/postfix-debug-peer.log")),
        StandardCharsets.UTF_8).subList(0, 16);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line.replace("[4935]", "[4999]").replace("EHLO mx1.smtplog.test", "EHLO " + HELO)
          .replace("250-8BITMIME", "250-" + REPLY_LINE)).append('\n');
    }
    String text = sb.toString();
    assertThat(text).contains("EHLO " + HELO).contains("250-" + REPLY_LINE);
    return text;
  }
}
