package io.smtplog.solr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where documents go and come from: a collection on a SolrCloud cluster, named through ZooKeeper
 * ({@code zk://host:port[,host:port...][/chroot]/COLLECTION}) or through a Solr node
 * ({@code http(s)://host:port/solr/COLLECTION}).
 *
 * @param zooKeeper true for a ZooKeeper address: {@code hosts} are ZooKeeper's host:port
 * @param hosts ZooKeeper's host:port list, or the one Solr base URL ({@code http://host:port/solr})
 * @param chroot ZooKeeper's chroot ({@code /solr}), when given
 */
public record SolrTarget(boolean zooKeeper, List<String> hosts, Optional<String> chroot, String collection) {
  /** The two forms, for messages. */
  public static final String FORMS = "zk://host:port[,host:port...][/chroot]/COLLECTION or http(s)://host:port/solr/COLLECTION";

  /** Solr's rule for collection names (SolrIdentifierValidator): letters, digits, '.', '_' and '-', not first. */
  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");
  private static final Pattern CHROOT_PART = Pattern.compile("[A-Za-z0-9._-]+");

  public SolrTarget {
    hosts = List.copyOf(hosts);
  }

  /** {@code text} read as a target; the exception's message says what is wrong and shows both forms. */
  public static SolrTarget parse(String text) throws SolrAccessException {
    String t = text.strip();
    if (t.startsWith("zk://")) {
      return zooKeeper(text, t.substring("zk://".length()));
    }
    if (t.startsWith("http://") || t.startsWith("https://")) {
      return http(text, t);
    }
    throw refused(text, "not a ZooKeeper address or a Solr URL");
  }

  private static SolrTarget zooKeeper(String text, String rest) throws SolrAccessException {
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw refused(text, "no collection after the ZooKeeper hosts");
    }
    List<String> hosts = new ArrayList<>();
    for (String host : rest.substring(0, slash).split(",", -1)) {
      if (!HOST_PORT.matcher(host).matches()) {
        throw refused(text, host.isEmpty() ? "an empty ZooKeeper host" : "ZooKeeper host '" + host + "' is not host:port");
      }
      hosts.add(host);
    }
    String[] path = rest.substring(slash + 1).split("/", -1);
    String collection = collection(text, path[path.length - 1]);
    StringBuilder chroot = new StringBuilder();
    for (int i = 0; i < path.length - 1; i++) {
      if (!CHROOT_PART.matcher(path[i]).matches()) {
        throw refused(text, "the chroot '/" + String.join("/", List.of(path).subList(0, path.length - 1))
            + "' is not a ZooKeeper path");
      }
      chroot.append('/').append(path[i]);
    }
    return new SolrTarget(true, hosts, chroot.isEmpty() ? Optional.empty() : Optional.of(chroot.toString()), collection);
  }

  private static SolrTarget http(String text, String t) throws SolrAccessException {
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw refused(text, "not a URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused(text, "credentials do not belong in the URL (use --solr-user and --solr-password-file)");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw refused(text, "no host:port");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused(text, "a query or fragment after the collection");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int last = path.lastIndexOf('/');
    if (last < 0 || !path.substring(0, last).equals("/solr")) {
      throw refused(text, "the path is not /solr/COLLECTION");
    }
    String collection = collection(text, path.substring(last + 1));
    String base = uri.getScheme() + "://" + uri.getRawAuthority() + "/solr";
    return new SolrTarget(false, List.of(base), Optional.empty(), collection);
  }

  private static String collection(String text, String name) throws SolrAccessException {
    if (name.isEmpty()) {
      throw refused(text, "no collection");
    }
    if (!COLLECTION.matcher(name).matches()) {
      throw refused(text, "'" + name + "' is not a collection name (letters, digits, '.', '_' and '-')");
    }
    return name;
  }

  private static SolrAccessException refused(String text, String why) {
    return new SolrAccessException("--solr " + Clean.text(text) + ": " + why + "; expected " + FORMS);
  }

  /** The Solr base URL ({@code http://host:port/solr}) of a URL target. */
  public String baseUrl() {
    if (zooKeeper) {
      throw new IllegalStateException("a ZooKeeper target has no base URL");
    }
    return hosts.get(0);
  }

  /** Where the cluster is, as messages name it: {@code zk://host:port/chroot} or the base URL. */
  public String where() {
    return zooKeeper ? "zk://" + String.join(",", hosts) + chroot.orElse("") : hosts.get(0);
  }

  /** The target as it is written: {@link #where()} and the collection. */
  @Override
  public String toString() {
    return where() + "/" + collection;
  }
}
