package io.smtplog.cli.serve;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.cli.ManifestVersion;
import io.smtplog.cli.command.Following;
import io.smtplog.cli.option.Completions;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.ReadingOptions;
import io.smtplog.core.follow.Follower;
import io.smtplog.core.live.LiveCounters;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
        "With --follow it also reads logs as they are written into the index, as `smtplog follow` does (rotations,"
            + " restarts), and /metrics counts what it reads: smtplog serve --follow /var/log/mail.log",
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

  @Option(names = "--follow", arity = "1..*", paramLabel = "INPUT", converter = Completions.AsTyped.class,
      description = "Also follow these log files (or - for standard input) into the index, as `smtplog follow` does,"
          + " and count what they hold in /metrics.")
  List<String> follow;

  @Option(names = "--domain-metrics",
      description = "With --follow: /metrics counts recipients per domain too (at most " + LiveCounters.MAX_DOMAINS
          + " domains; the rest as \"(other)\").")
  boolean domainMetrics;

  @Mixin ReadingOptions reading;
  /** The options of {@link ReadingOptions}: they say how followed lines are read, so only with --follow. */
  private static final List<String> READING_OPTIONS = List.of("--year", "--timezone", "--threads", "--input-format",
      "--transcript-time", "--strict");
  @Mixin Following.Timing timing;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    LiveCounters counters = new LiveCounters(ManifestVersion.number(), domainMetrics);
    FollowStatus status = follow == null ? null : new FollowStatus(follow);
    WebServer.Settings settings = settings(counters::write, status == null ? StatusSource.NOT_FOLLOWING : status);
    Follower follower = follower(counters, status, err);
    WebServer server;
    try {
      server = WebServer.start(settings, err);
    } catch (BindException e) {
      closeQuietly(follower);
      throw new UserError(ExitCodes.USAGE, "cannot listen on " + listen + ": " + e.getMessage()
          + " (another server on that port? choose another with --listen)");
    }
    // Ended by a stop (the hook: the follower's last round and commit, then the server) or by the follower failing.
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    AtomicBoolean stopping = new AtomicBoolean();
    Thread reader = follower == null ? null : new Thread(() -> {
      try {
        follower.run();
        if (!stopping.get()) {
          // Only standard input ends: what it held is in the index, which is served on.
          err.println("smtplog: standard input ended; its lines are in the index, which is still served");
          err.flush();
        }
      } catch (Throwable t) {
        failed.set(t);
        ended.countDown();
      }
    }, "smtplog-follow");
    Thread hook = new Thread(() -> {
      stopping.set(true);
      stop(follower, reader, server);
      ended.countDown();
    }, "smtplog-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("smtplog: serving " + settings.index() + " at http://" + hostPort(server) + "/ (Ctrl-C stops)");
    if (follower != null) {
      err.println(SafeText.stripControls("smtplog: following " + String.join(", ", follow) + " into "
          + settings.index()));
      reader.start();
    } else if (!Files.isDirectory(settings.index())) {
      err.println("smtplog: no index at " + settings.index() + " yet: the API answers 503 until `smtplog ingest --index "
          + settings.index() + " LOGS...` writes one");
    }
    err.flush();
    ended.await();
    Throwable failure = failed.get();
    if (failure == null) {
      return ExitCodes.OK;
    }
    // The follower failed (a full disk, a damaged index): stop serving an index no longer written, and say why.
    stop(null, null, server);
    closeQuietly(follower);
    removeHook(hook);
    Optional<UserError> described = Following.describe(settings.index(), failure);
    if (described.isPresent()) {
      throw described.get();
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
  }

  /** The follower of --follow, opened on the index (null without --follow); its options checked. */
  private Follower follower(LiveCounters counters, FollowStatus status, PrintWriter err) throws IOException {
    if (follow == null) {
      Optional<String> reading = READING_OPTIONS.stream()
          .filter(name -> spec.commandLine().getParseResult().hasMatchedOption(name)).findFirst();
      if (timing.changed() || domainMetrics || reading.isPresent()) {
        throw new UserError(ExitCodes.USAGE, (domainMetrics ? "--domain-metrics"
            : reading.orElse("--poll and --commit-every")) + " applies only with --follow INPUT...: it says how"
            + " followed logs are read or counted");
      }
      return null;
    }
    if (reading.strict()) {
      throw new UserError(ExitCodes.USAGE, "--strict does not apply to serve --follow: following never reaches the"
          + " end of its inputs, where --strict decides");
    }
    Follower.Options options = timing.options();
    Following.Inputs inputs = Following.inputs(follow);
    return Following.open(index.dir(), inputs, reading.readOptions(), options, counters, cycle -> {
      counters.cycle(cycle);
      status.cycle(cycle);
    }, err);
  }

  /**
   * A stop: the follower's last round, its open stories written and committed; then the server. A
   * round still running after {@link Following#STOP_PATIENCE} (a first catch-up of a large log) is
   * not closed under its feet: the process ends, and the next start goes on from the last commit.
   */
  private static void stop(Follower follower, Thread reader, WebServer server) {
    if (follower != null) {
      follower.stop();
      try {
        reader.join(TimeUnit.SECONDS.toMillis(Following.STOP_PATIENCE.toSeconds()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!reader.isAlive()) {
        closeQuietly(follower);
      }
    }
    server.close();
  }

  private static void closeQuietly(Follower follower) {
    if (follower != null) {
      try {
        follower.close();
      } catch (IOException | RuntimeException e) {
        // stopping: the last commit stands, the next start takes up from it
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
  }

  /** The options checked: the address, the token the address needs, the timeout. */
  WebServer.Settings settings(MetricsWriter metrics, StatusSource status) {
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
        Duration.ofNanos(Math.round(queryTimeout * 1e9)), metrics, status);
  }

  /** The host as given to --listen (the JDK reports 0.0.0.0 bound as ::), with the port bound. */
  private String hostPort(WebServer server) {
    return listen.substring(0, listen.lastIndexOf(':') + 1) + server.address().getPort();
  }
}
