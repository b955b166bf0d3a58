package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.solr.SolrAccessException;
import io.smtplog.solr.SolrAuth;
import io.smtplog.solr.SolrConnection;
import io.smtplog.solr.SolrTarget;
import io.smtplog.solr.SolrTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --solr URL} and how to log in: the options of every command that can work on a SolrCloud
 * collection instead of the local index. Passwords come from a file or the environment, never from
 * the command line (which other users see in ps). Nothing of SolrJ is loaded unless {@link #open()}
 * is called, so a command without {@code --solr} starts as fast as before.
 */
public final class SolrOptions {
  /** The variable holding the password of {@code --solr-user} when no password file is given. */
  public static final String PASSWORD_VARIABLE = "SMTPLOG_SOLR_PASSWORD";
  /** The variable holding the trust store's password when no password file is given. */
  public static final String TRUSTSTORE_PASSWORD_VARIABLE = "SMTPLOG_SOLR_TRUSTSTORE_PASSWORD";

  @Option(names = "--solr", paramLabel = "URL",
      description = "A SolrCloud collection instead of the local index: zk://host:port[,host:port...][/chroot]/COLLECTION"
          + " or a node's URL and the collection, http[s]://NODE/solr/NAME (made from the configset of smtplog solr"
          + " configset).")
  String solr;

  @Option(names = "--solr-user", paramLabel = "NAME", description = "Solr's basic-auth user.")
  String user;

  @Option(names = "--solr-password-file", paramLabel = "FILE",
      description = "A file holding the password of --solr-user (its first line). Default: $" + PASSWORD_VARIABLE + ".")
  Path passwordFile;

  @Option(names = "--solr-truststore", paramLabel = "FILE",
      description = "A trust store (PKCS12 or JKS) with the certificate of the cluster's CA, for https:// nodes.")
  Path trustStore;

  @Option(names = "--solr-truststore-password-file", paramLabel = "FILE",
      description = "A file holding the trust store's password. Default: $" + TRUSTSTORE_PASSWORD_VARIABLE + ".")
  Path trustStorePasswordFile;

  /** Where the environment is read from: the process's, or a test's. */
  UnaryOperator<String> environment = System::getenv;

  /** True when {@code --solr} was given. */
  public boolean given() {
    return solr != null;
  }

  /**
   * The connection to the collection of {@code --solr}, checked (reachable, credentials accepted,
   * made from smtplog's configset); a {@link UserError} with one line otherwise.
   */
  public SolrConnection open() {
    if (!given()) {
      throw new IllegalStateException("--solr was not given");
    }
    SolrTarget target;
    try {
      target = SolrTarget.parse(solr);
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.USAGE, e.getMessage(), e);
    }
    try {
      return SolrConnection.open(target, auth(), tls());
    } catch (SolrAccessException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    }
  }

  /** The credentials, when {@code --solr-user} is given: it needs a password from a file or the environment. */
  Optional<SolrAuth> auth() {
    Optional<String> password = secret(passwordFile, "--solr-password-file", PASSWORD_VARIABLE);
    if (user == null) {
      if (passwordFile != null) {
        throw new UserError(ExitCodes.USAGE, "--solr-password-file needs --solr-user");
      }
      return Optional.empty();
    }
    return Optional.of(new SolrAuth(user, password.orElseThrow(() -> new UserError(ExitCodes.USAGE,
        "--solr-user " + SafeText.stripControls(user) + " needs a password: --solr-password-file FILE or $" + PASSWORD_VARIABLE))));
  }

  Optional<SolrTls> tls() {
    Optional<String> password = secret(trustStorePasswordFile, "--solr-truststore-password-file",
        TRUSTSTORE_PASSWORD_VARIABLE);
    if (trustStore == null) {
      if (trustStorePasswordFile != null) {
        throw new UserError(ExitCodes.USAGE, "--solr-truststore-password-file needs --solr-truststore");
      }
      return Optional.empty();
    }
    return Optional.of(new SolrTls(trustStore, password));
  }

  /** The first line of {@code file}, else the variable {@code variable}; empty when neither is set. */
  private Optional<String> secret(Path file, String option, String variable) {
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        if (line.isEmpty()) {
          throw new UserError(ExitCodes.USAGE, option + " " + SafeText.stripControls(file.toString()) + ": the file's first line is empty");
        }
        return Optional.of(line);
      } catch (IOException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot read " + option + " " + SafeText.stripControls(file.toString()) + ": "
            + io.smtplog.cli.Failures.reason(e), e);
      }
    }
    String value = environment.apply(variable);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
