package io.smtplog.cli.serve;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtplog serve}: the index's queries, sessions, traces and reports over HTTP, with a page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Serves the index over HTTP: a search page, a JSON API and /metrics.",
    description = {"Serves the index (`smtplog ingest`) over HTTP until stopped (Ctrl-C): a page at /, the JSON API"
        + " under /api/ (query, count, fields, sessions, trace, report/relay, report/summary, report/codes, status:"
        + " what the commands print with --format json), and /metrics (Prometheus).",
        "Read-only. Only this machine can connect unless --listen names another address, which needs --token-file;"
        + " every request must then carry the token (Authorization: Bearer TOKEN, or ?token=TOKEN to open the page).",
        "For example: smtplog serve --index /tmp/idx, then open http://127.0.0.1:8025/."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "The address to listen on (port 0: any free one). Default: ${DEFAULT-VALUE}.")
  String listen = Listen.DEFAULT;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file whose first line is the token every request must carry; it must not be readable by"
          + " every user. Required with a --listen address other than loopback.")
  Path tokenFile;

  @Option(names = "--query-timeout", paramLabel = "SECONDS",
      description = "The longest a request may search the index; a longer one is answered 503. Default: ${DEFAULT-VALUE}.")
  double queryTimeout = ServeLimits.DEFAULT_QUERY_SECONDS;

  @Override
  public Integer call() throws IOException, InterruptedException {
    WebServer.Settings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    WebServer server;
    try {
      server = WebServer.start(settings, err);
    } catch (BindException e) {
      throw new UserError(ExitCodes.USAGE, "cannot listen on " + listen + ": " + e.getMessage()
          + " (another server on that port? choose another with --listen)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "smtplog-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("smtplog: serving " + settings.index() + " at http://" + hostPort(server) + "/ (Ctrl-C stops)");
    if (!Files.isDirectory(settings.index())) {
      err.println("smtplog: no index at " + settings.index() + " yet: the API answers 503 until `smtplog ingest --index "
          + settings.index() + " LOGS...` writes one");
    }
    err.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The options checked: the address, the token the address needs, the timeout. */
  WebServer.Settings settings() {
    Listen address;
    try {
      address = Listen.parse(listen);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.USAGE, e.getMessage());
    }
    if (!address.loopback() && tokenFile == null) {
      throw new UserError(ExitCodes.USAGE, "--listen " + listen + " lets other machines connect: give --token-file"
          + " FILE too (its first line is the token every request must carry), or listen on 127.0.0.1");
    }
    if (!(queryTimeout > 0) || queryTimeout > ServeLimits.MAX_QUERY_SECONDS) {
      throw new UserError(ExitCodes.USAGE, "--query-timeout must be more than 0 and at most "
          + ServeLimits.MAX_QUERY_SECONDS + " seconds, was "
          + queryTimeout);
    }
    Optional<AccessToken> token = Optional.ofNullable(tokenFile).map(AccessToken::read);
    return new WebServer.Settings(address.address(), index.dir(), token,
        Duration.ofNanos(Math.round(queryTimeout * 1e9)), MetricsWriter.NONE, StatusSource.NOT_FOLLOWING);
  }

  /** The host as given to --listen (the JDK reports 0.0.0.0 bound as ::), with the port bound. */
  private String hostPort(WebServer server) {
    return listen.substring(0, listen.lastIndexOf(':') + 1) + server.address().getPort();
  }
}
