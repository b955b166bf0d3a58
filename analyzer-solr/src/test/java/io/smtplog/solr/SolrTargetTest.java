package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SolrTargetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      zk://localhost:9983/mail                      | true  | localhost:9983                 |        | mail   | zk://localhost:9983/mail
      zk://zk1:2181,zk2:2181,zk3:2181/solr/mail     | true  | zk1:2181,zk2:2181,zk3:2181     | /solr  | mail   | zk://zk1:2181,zk2:2181,zk3:2181/solr/mail
      zk://127.0.0.1:2181/a/b/mail_2026             | true  | 127.0.0.1:2181                 | /a/b   | mail_2026 | zk://127.0.0.1:2181/a/b/mail_2026
      zk://[::1]:2181/mail                          | true  | [::1]:2181                     |        | mail   | zk://[::1]:2181/mail
      http://localhost:8983/solr/mail               | false | http://localhost:8983/solr     |        | mail   | http://localhost:8983/solr/mail
      https://solr1.example.net:8983/solr/mail/     | false | https://solr1.example.net:8983/solr |   | mail   | https://solr1.example.net:8983/solr/mail
      """)
  void parses(String text, boolean zk, String hosts, String chroot, String collection, String shown) throws Exception {
    SolrTarget t = SolrTarget.parse(text);
    assertThat(t.zooKeeper()).isEqualTo(zk);
    assertThat(t.hosts()).isEqualTo(List.of(hosts.split(",")));
    assertThat(t.chroot()).isEqualTo(Optional.ofNullable(chroot));
    assertThat(t.collection()).isEqualTo(collection);
    assertThat(t).hasToString(shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      localhost:8983/solr/mail                  | not a ZooKeeper address or a Solr URL
      solr://localhost:8983/solr/mail           | not a ZooKeeper address or a Solr URL
      zk://localhost:9983                       | no collection after the ZooKeeper hosts
      zk://localhost/mail                       | ZooKeeper host 'localhost' is not host:port
      zk://a:1,,b:2/mail                        | an empty ZooKeeper host
      zk://localhost:9983/solr/                 | no collection
      zk://localhost:9983/so lr/mail            | the chroot '/so lr' is not a ZooKeeper path
      http://localhost:8983/mail                | the path is not /solr/COLLECTION
      http://localhost:8983/solr                | the path is not /solr/COLLECTION
      http://localhost/solr/mail                | no host:port
      http://localhost:8983/solr/mail?q=x       | a query or fragment after the collection
      http://solr:SolrRocks@localhost:8983/solr/mail | credentials do not belong in the URL (use --solr-user and --solr-password-file)
      http://localhost:8983/solr/-mail          | '-mail' is not a collection name (letters, digits, '.', '_' and '-')
      """)
  void refuses(String text, String why) {
    assertThatThrownBy(() -> SolrTarget.parse(text)).isInstanceOf(SolrAccessException.class)
        .hasMessage("--solr " + text + ": " + why + "; expected zk://host:port[,host:port...][/chroot]/COLLECTION"
            + " or http(s)://host:port/solr/COLLECTION");
  }

  @org.junit.jupiter.api.Test
  void controlCharactersAreNotEchoed() {
    assertThatThrownBy(() -> SolrTarget.parse("mail\u001b[31m")).hasMessageStartingWith("--solr mail\uFFFD[31m: ");
  }

  @org.junit.jupiter.api.Test
  void aPasswordGoesUnencryptedOnlyToThisMachine_andATrustStoreOnlyWithHttps() throws Exception {
    Optional<SolrAuth> auth = Optional.of(new SolrAuth("solr", "SolrRocks"));
    Optional<SolrTls> tls = Optional.of(new SolrTls(java.nio.file.Path.of("ca.p12"), Optional.empty()));
    for (String ok : List.of("http://localhost:8983/solr/mail", "http://127.0.0.1:8983/solr/mail",
        "http://[::1]:8983/solr/mail", "https://solr1.example.net:8983/solr/mail", "zk://zk1:2181/mail")) {
      SolrConnection.refuseClearText(SolrTarget.parse(ok), auth, Optional.empty());
    }
    assertThatThrownBy(() -> SolrConnection.refuseClearText(SolrTarget.parse("http://solr1.example.net:8983/solr/mail"),
        auth, Optional.empty())).hasMessage("refusing to send the password of solr unencrypted to"
            + " http://solr1.example.net:8983/solr: give the node's https:// address (with --solr-truststore for its CA),"
            + " or run smtplog on a node and use http://localhost");
    assertThatThrownBy(() -> SolrConnection.refuseClearText(SolrTarget.parse("http://localhost:8983/solr/mail"),
        Optional.empty(), tls)).hasMessageStartingWith("--solr-truststore is for https:// nodes");
    SolrConnection.refuseClearText(SolrTarget.parse("http://solr1.example.net:8983/solr/mail"), Optional.empty(),
        Optional.empty());
  }
}
