package io.smtplog.solr;

import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The tests' 2-node SolrCloud as a program, to try {@code smtplog ingest --solr} (and the benchmark)
 * without a Solr distribution: starts ZooKeeper and two nodes (under target/ of the working folder),
 * uploads smtplog's configset, creates a collection, prints its zk:// address and a node's URL, and
 * runs until interrupted (Ctrl-C). Basic auth is on for user solr, password SolrRocks, but requests
 * without credentials are let through.
 *
 * <pre>
 * ./mvnw -B -o -q -pl analyzer-core,analyzer-solr test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/solr-test-classpath.txt -Dmdep.includeScope=test
 * cd analyzer-solr && java -cp "target/test-classes:target/classes:$(cat target/solr-test-classpath.txt)" \
 *     io.smtplog.solr.TestCluster --collection mail --shards 2 --port-file target/cluster.txt
 * </pre>
 */
public final class TestCluster {
  private TestCluster() {}

  public static void main(String[] args) throws Exception {
    String collection = "mail";
    int shards = 2;
    Path portFile = null;
    Long parent = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--collection" -> collection = require(args[i], value);
        case "--shards" -> shards = Integer.parseInt(require(args[i], value));
        case "--port-file" -> portFile = Path.of(require(args[i], value));
        case "--parent" -> parent = Long.parseLong(require(args[i], value));
        default -> {
          System.err.println("usage: TestCluster [--collection NAME] [--shards N] [--port-file FILE] [--parent PID]");
          System.exit(2);
        }
      }
      i++;
    }
    SolrCloud cloud = SolrCloudExtension.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cloud.close();
      } catch (Exception e) {
        System.err.println("TestCluster: shutting down: " + e);
      } finally {
        stopped.countDown();
      }
    }));
    cloud.createCollection(collection, SolrConfigset.NAME, shards);
    String zk = "zk://" + cloud.zkAddress() + "/" + collection;
    String url = cloud.nodeUrl() + "/" + collection;
    if (portFile != null) {
      // The zk:// address on the first line, a node's URL on the second: what --solr takes. Moved
      // into place whole, so that a reader never sees the first line alone.
      Path written = portFile.resolveSibling(portFile.getFileName() + ".tmp");
      Files.writeString(written, zk + "\n" + url + "\n", StandardCharsets.UTF_8);
      Files.move(written, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    if (parent != null) {
      // Started by a test JVM: stop with it, even when it was killed without running its hooks.
      ProcessHandle.of(parent).ifPresentOrElse(p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
    System.out.println(zk);
    System.out.println(url);
    System.out.flush();
    stopped.await();
  }

  private static String require(String option, String value) {
    if (value == null) {
      System.err.println("TestCluster: " + option + " needs a value");
      System.exit(2);
    }
    return value;
  }
}
