package io.smtplog.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.solr.SolrAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SolrOptionsTest {
  @Command(name = "t")
  static final class Holder {
    @Mixin SolrOptions solr;
  }

  private static SolrOptions parse(Map<String, String> environment, String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    h.solr.environment = environment::get;
    return h.solr;
  }

  @Test
  void noSolr_noCredentials() {
    SolrOptions o = parse(Map.of());
    assertThat(o.given()).isFalse();
    assertThat(o.auth()).isEmpty();
    assertThat(o.tls()).isEmpty();
  }

  @Test
  void password_fromTheFilesFirstLine_elseTheEnvironment(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("pw"), "SolrRocks\r\nsecond line\n");
    Map<String, String> env = Map.of("SMTPLOG_SOLR_PASSWORD", "from-env");
    assertThat(parse(env, "--solr-user", "solr", "--solr-password-file", file.toString()).auth())
        .contains(new SolrAuth("solr", "SolrRocks"));
    assertThat(parse(env, "--solr-user", "solr").auth()).contains(new SolrAuth("solr", "from-env"));
    assertThat(new SolrAuth("solr", "SolrRocks").toString()).doesNotContain("SolrRocks");
  }

  @Test
  void aUserWithoutPassword_andAPasswordWithoutUser_areUsageErrors(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(() -> parse(Map.of(), "--solr-user", "solr").auth()).isInstanceOf(UserError.class)
        .hasMessage("--solr-user solr needs a password: --solr-password-file FILE or $SMTPLOG_SOLR_PASSWORD")
        .extracting(e -> ((UserError) e).exitCode()).isEqualTo(ExitCodes.USAGE);
    Path file = Files.writeString(tmp.resolve("pw"), "x\n");
    assertThatThrownBy(() -> parse(Map.of(), "--solr-password-file", file.toString()).auth())
        .hasMessage("--solr-password-file needs --solr-user");
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    assertThatThrownBy(() -> parse(Map.of(), "--solr-user", "u", "--solr-password-file", empty.toString()).auth())
        .hasMessage("--solr-password-file " + empty + ": the file's first line is empty");
    assertThatThrownBy(() -> parse(Map.of(), "--solr-user", "u", "--solr-password-file", tmp.resolve("none").toString())
        .auth()).hasMessageStartingWith("cannot read --solr-password-file " + tmp.resolve("none") + ": ");
  }

  @Test
  void trustStore_withItsPassword(@TempDir Path tmp) throws Exception {
    Path store = tmp.resolve("truststore.p12");
    var tls = parse(Map.of("SMTPLOG_SOLR_TRUSTSTORE_PASSWORD", "changeit"), "--solr-truststore", store.toString()).tls();
    assertThat(tls).isPresent();
    assertThat(tls.get().trustStore()).isEqualTo(store);
    assertThat(tls.get().password()).contains("changeit");
    assertThat(tls.get().toString()).doesNotContain("changeit");
    assertThat(parse(Map.of(), "--solr-truststore", store.toString()).tls().orElseThrow().password()).isEqualTo(Optional.empty());
  }

  @Test
  void aBadAddress_isAUsageError_namingBothForms() {
    assertThatThrownBy(() -> parse(Map.of(), "--solr", "localhost:8983/solr/mail").open()).isInstanceOf(UserError.class)
        .hasMessage("--solr localhost:8983/solr/mail: not a ZooKeeper address or a Solr URL; expected"
            + " zk://host:port[,host:port...][/chroot]/COLLECTION or http(s)://host:port/solr/COLLECTION")
        .extracting(e -> ((UserError) e).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void nothingListening_isOneLine_exit3() {
    assertThatThrownBy(() -> parse(Map.of(), "--solr", "http://127.0.0.1:1/solr/mail").open())
        .isInstanceOf(UserError.class)
        .hasMessage("cannot reach Solr at http://127.0.0.1:1/solr while listing the collections (no node answers):"
            + " is it running, and is the address right?")
        .extracting(e -> ((UserError) e).exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
  }
}
