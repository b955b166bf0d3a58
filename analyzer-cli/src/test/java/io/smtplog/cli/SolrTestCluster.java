package io.smtplog.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * analyzer-solr's test SolrCloud ({@code io.smtplog.solr.TestCluster}: ZooKeeper and two Solr
 * nodes, basic auth on for user {@link #USER}) started as a program of its own, once per test JVM,
 * for the commands' tests against a real cluster. A separate process, because solr-test-framework
 * on analyzer-cli's classpath would take over the scope of SolrJ's own dependencies, and the
 * runnable jar would be built without them. Its classpath is the one analyzer-solr's build wrote
 * (target/solr-test-classpath.txt); its files go under target/solr-cluster; it stops with the JVM
 * (a shutdown hook, and the cluster itself watches this JVM's process, for a JVM killed outright).
 */
final class SolrTestCluster {
  static final String USER = "solr";
  static final String PASSWORD = "SolrRocks";
  private static final long START_SECONDS = 180;
  private static SolrTestCluster running;

  /** The collection's zk:// address and a node's URL with the collection, as --solr takes them. */
  final String zk;
  final String url;

  private SolrTestCluster(String zk, String url) {
    this.zk = zk;
    this.url = url;
  }

  /** The zk:// address of another collection of the same cluster. */
  String zk(String collection) {
    return zk.substring(0, zk.lastIndexOf('/') + 1) + collection;
  }

  /**
   * The cluster, started on first use with its collection {@code collection} (2 shards); later
   * callers in the same JVM get the same cluster and collection, whatever they name.
   */
  static synchronized SolrTestCluster start(String collection) throws IOException, InterruptedException {
    if (running != null) {
      return running;
    }
    Path solr = Path.of(System.getProperty("smtplog.sourceTree", "..")).toAbsolutePath().normalize()
        .resolve("analyzer-solr/target");
    Path classpath = solr.resolve("solr-test-classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(classpath + " is missing: build analyzer-solr first (./mvnw verify builds it"
          + " before analyzer-cli)");
    }
    Path work = Files.createDirectories(Path.of("target/solr-cluster").toAbsolutePath());
    Path ports = work.resolve("ports.txt");
    Files.deleteIfExists(ports);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dsolr.log.dir=" + work.resolve("logs"), "-Dzookeeper.4lw.commands.whitelist=*",
        "-Djava.util.logging.config.file=" + solr.resolve("test-classes/logging.properties"),
        "-cp", solr.resolve("test-classes") + java.io.File.pathSeparator + solr.resolve("classes")
            + java.io.File.pathSeparator + Files.readString(classpath, StandardCharsets.UTF_8).strip(),
        "io.smtplog.solr.TestCluster", "--collection", collection, "--shards", "2", "--port-file", ports.toString(),
        "--parent", Long.toString(ProcessHandle.current().pid())));
    Process process = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(work.resolve("cluster.log").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (!(Files.isRegularFile(ports) && Files.readAllLines(ports, StandardCharsets.UTF_8).size() >= 2)) {
      if (!process.isAlive() || System.nanoTime() > end) {
        stop(process);
        throw new IllegalStateException("the test SolrCloud did not start; its log: " + work.resolve("cluster.log"));
      }
      Thread.sleep(200);
    }
    List<String> lines = Files.readAllLines(ports, StandardCharsets.UTF_8);
    running = new SolrTestCluster(lines.get(0), lines.get(1));
    return running;
  }

  /** Stops the cluster (its own shutdown hook closes the nodes and ZooKeeper). */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
