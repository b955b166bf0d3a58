package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.cli.AnalyzerCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A {@link WebServer} on an ephemeral loopback port over an index, and what tests ask it. */
final class Served implements AutoCloseable {
  /** A real exposition (the metrics helper's names), as /metrics must pass it through unchanged. */
  static final String EXPOSITION = String.join("\n",
      "# HELP smtplog_lines_read_total Lines read since start.",
      "# TYPE smtplog_lines_read_total counter",
      "smtplog_lines_read_total 6585",
      "# HELP smtplog_recipients_total Recipients whose outcome became final, by outcome.",
      "# TYPE smtplog_recipients_total counter",
      "smtplog_recipients_total{outcome=\"delivered\"} 267",
      "smtplog_recipients_total{outcome=\"bounced\"} 33",
      "");

  final WebServer server;
  final Path index;
  final StringWriter log = new StringWriter();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Served(Path index, Optional<AccessToken> token, Duration timeout) throws IOException {
    this.index = index;
    this.server = WebServer.start(new WebServer.Settings(new InetSocketAddress("127.0.0.1", 0), index, token, timeout,
        out -> out.write(EXPOSITION), StatusSource.NOT_FOLLOWING), new PrintWriter(log, true));
  }

  static Served on(Path index) throws IOException {
    return new Served(index, Optional.empty(), Duration.ofSeconds(60));
  }

  static Served on(Path index, Optional<AccessToken> token, Duration timeout) throws IOException {
    return new Served(index, token, timeout);
  }

  /** The samples' path (the build passes it; ../sample-logs from analyzer-cli otherwise). */
  static Path sample(String relative) {
    return Path.of(System.getProperty("sampleLogs.dir", "../sample-logs")).resolve(relative).toAbsolutePath().normalize();
  }

  /** Runs the CLI in this process, as a test of the commands does: exit code, standard output, standard error. */
  record Run(int exitCode, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AnalyzerCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static void ingest(Path index, Path... logs) {
    String[] args = new String[logs.length + 3];
    args[0] = "ingest";
    args[1] = "--index";
    args[2] = index.toString();
    for (int i = 0; i < logs.length; i++) {
      args[i + 3] = logs[i].toString();
    }
    Run run = cli(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(String method, String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The whole answer to a request line sent as written (no client normalises its path). */
  String raw(String requestTarget) throws IOException {
    return raw(requestTarget, "Host: 127.0.0.1\r\n");
  }

  /** The whole answer to a request line and {@code headers} (each ending in CRLF), sent as written. */
  String raw(String requestTarget, String headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + requestTarget + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
