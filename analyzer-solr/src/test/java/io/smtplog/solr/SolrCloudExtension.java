package io.smtplog.solr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real SolrCloud for the whole test run: a 2-node {@link MiniSolrCloudCluster} with its
 * ZooKeeper, started when a test first asks for a {@link SolrCloud} parameter and kept in the root
 * context's store, which shuts it down at the end (solr-findings §2: no Solr test base class, trace
 * ids off, as root on Java 17). The generated configset is uploaded as "smtplog", and beside it
 * "other": the same files with another schema name, as a collection not made from smtplog's
 * configset would have. Basic auth is on (user {@link SolrCloud#USER}) but does not block requests
 * without credentials, so refused credentials can be tested while the other tests need none.
 */
public final class SolrCloudExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SolrCloudExtension.class);

  /**
   * security.json: BasicAuthPlugin with user solr, password SolrRocks (the salted hash of Solr's
   * reference guide, "Basic Authentication Plugin"); blockUnknown false, no authorization plugin.
   */
  private static final String SECURITY_JSON = """
      {"authentication":{"class":"solr.BasicAuthPlugin","blockUnknown":false,
        "credentials":{"solr":"IV0EHq1OnNrj6gvRCwvFwTrZ1+z1oBbnQdiVC3otuq0= Ndd7LKvVBAaZIF0QAVi1ekCfAJXr1GGfLtRUXhgrF8c="}}}
      """;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SolrCloud.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SolrCloud.class, k -> start(), SolrCloud.class);
  }

  /** Starts the cluster (also for {@link TestCluster}): ZooKeeper, two nodes, the configsets uploaded. */
  static SolrCloud start() {
    try {
      Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "solrcloud");
      Path smtplog = home.resolve("configsets/smtplog");
      SolrConfigset.write(smtplog);
      Path other = home.resolve("configsets/other");
      SolrConfigset.write(other);
      Path schema = other.resolve(SolrConfigset.SCHEMA_FILE);
      Files.writeString(schema, Files.readString(schema, StandardCharsets.UTF_8)
          .replace("name=\"" + SolrSchema.NAME + "\"", "name=\"other\""), StandardCharsets.UTF_8);
      MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(2, home.resolve("cluster"))
          .addConfig(SolrConfigset.NAME, smtplog)
          .addConfig("other", other)
          .withSecurityJson(SECURITY_JSON)
          .withTraceIdGenerationDisabled()
          .build();
      return new SolrCloud(cluster, home);
    } catch (Exception e) {
      throw new IllegalStateException("the test SolrCloud did not start: " + e, e);
    }
  }

  /** The running cluster, and what tests do with it. */
  public static final class SolrCloud implements AutoCloseable {
    public static final String USER = "solr";
    public static final String PASSWORD = "SolrRocks";

    private final MiniSolrCloudCluster cluster;
    private final Path home;

    SolrCloud(MiniSolrCloudCluster cluster, Path home) {
      this.cluster = cluster;
      this.home = home;
    }

    public MiniSolrCloudCluster cluster() {
      return cluster;
    }

    /** ZooKeeper's address with its chroot: {@code 127.0.0.1:PORT/solr}. */
    public String zkAddress() {
      return cluster.getZkServer().getZkAddress();
    }

    /** A node's base URL: {@code http://127.0.0.1:PORT/solr}. */
    public String nodeUrl() {
      return cluster.getJettySolrRunner(0).getBaseUrl().toString();
    }

    /** A new collection of 2 shards (one replica each) from {@code configset}, active when this returns. */
    public void createCollection(String name, String configset) throws Exception {
      createCollection(name, configset, 2);
    }

    /** A new collection of {@code shards} shards (one replica each), active when this returns. */
    public void createCollection(String name, String configset, int shards) throws Exception {
      CollectionAdminRequest.createCollection(name, configset, shards, 1).process(cluster.getSolrClient());
      cluster.waitForActiveCollection(name, 30, TimeUnit.SECONDS, shards, shards);
    }

    @Override
    public void close() throws Exception {
      cluster.shutdown();
      org.apache.commons.io.file.PathUtils.deleteDirectory(home);
    }
  }
}
