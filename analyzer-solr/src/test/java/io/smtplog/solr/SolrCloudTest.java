package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.index.IndexFields;
import io.smtplog.solr.SolrCloudExtension.SolrCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated configset on a real 2-node SolrCloud: a 2-shard collection made from it takes the
 * samples' documents, and finds what the local index would; and each way of failing to reach a
 * collection is one line.
 */
@ExtendWith(SolrCloudExtension.class)
class SolrCloudTest {
  private static final List<String> SAMPLES = List.of("postfix/loopback-relay.log", "exim/nopid-mainlog.log",
      "transcripts/swaks-sink.transcript");
  private static SolrCloud cloud;
  private static List<Document> lucene;
  private static List<SolrInputDocument> documents;

  @BeforeAll
  static void ingest(SolrCloud solrCloud) throws Exception {
    cloud = solrCloud;
    cloud.createCollection("mail", SolrConfigset.NAME);
    cloud.createCollection("foreign", "other");
    lucene = new ArrayList<>();
    for (String sample : SAMPLES) {
      lucene.addAll(SampleDocuments.of(sample));
    }
    SolrDocuments converter = new SolrDocuments("mx1");
    documents = lucene.stream().map(converter::convert).toList();
    try (SolrConnection c = open("zk://" + cloud.zkAddress() + "/mail", Optional.empty())) {
      c.client().add(documents);
      c.client().commit();
    }
  }

  private static SolrConnection open(String target, Optional<SolrAuth> auth) throws SolrAccessException {
    return SolrConnection.open(SolrTarget.parse(target), auth, Optional.empty());
  }

  private static long count(SolrConnection c, String query) throws Exception {
    return c.client().query(new SolrQuery(query).setRows(0)).getResults().getNumFound();
  }

  /** How many of the local documents have {@code field} = {@code value} (as the local index holds it). */
  private static long localCount(String field, String value) {
    return lucene.stream().filter(d -> d.getFields(field).length > 0 && List.of(d.getFields(field)).stream()
        .map(SolrDocuments::value).anyMatch(v -> String.valueOf(v).equals(value))).count();
  }

  @Test
  void twoShards_everyDocument_andAReRunAddsNothing() throws Exception {
    DocCollection mail = cloud.cluster().getSolrClient().getClusterState().getCollection("mail");
    assertThat(mail.getSlices()).hasSize(2);
    try (SolrConnection c = open("zk://" + cloud.zkAddress() + "/mail", Optional.empty())) {
      assertThat(count(c, "*:*")).isEqualTo(lucene.size()).isGreaterThan(100);
      c.client().add(documents);
      c.client().commit();
      assertThat(count(c, "*:*")).as("the same documents again").isEqualTo(lucene.size());
      assertThat(count(c, "_source:mx1")).isEqualTo(lucene.size());
    }
  }

  @Test
  void termRangeAndPhraseQueries_findWhatTheDocumentsHold() throws Exception {
    try (SolrConnection c = open(cloud.nodeUrl() + "/mail", Optional.empty())) {
      long bounced = localCount(IndexFields.STATUS, "bounced");
      assertThat(bounced).isGreaterThan(0);
      assertThat(count(c, "status:bounced")).isEqualTo(bounced);
      assertThat(count(c, "mta:exim")).isEqualTo(localCount(IndexFields.MTA, "exim")).isGreaterThan(0);
      long fiveHundreds = lucene.stream().filter(d -> List.of(d.getFields(IndexFields.CODE)).stream()
          .mapToLong(f -> f.numericValue().longValue()).anyMatch(code -> code >= 500 && code <= 599)).count();
      assertThat(fiveHundreds).isGreaterThan(0);
      assertThat(count(c, "code:[500 TO 599]")).isEqualTo(fiveHundreds);
      // Doc values only: searched through them.
      assertThat(count(c, "attempts:[2 TO *]")).isEqualTo(lucene.stream().filter(d -> d.getField(IndexFields.ATTEMPTS) != null
          && d.getField(IndexFields.ATTEMPTS).numericValue().longValue() >= 2).count());
      // The reason text, analysed as the local index does (lower case, whole words): a phrase and a word.
      long userUnknown = lucene.stream().map(d -> d.getField(IndexFields.TEXT)).filter(f -> f != null)
          .map(IndexableField::stringValue).filter(t -> t.toLowerCase(java.util.Locale.ROOT).contains("user unknown")).count();
      assertThat(userUnknown).isGreaterThan(0);
      assertThat(count(c, "text:\"User UNKNOWN\"")).isEqualTo(userUnknown);
      assertThat(count(c, "kind:session AND direction:outbound")).isEqualTo(lucene.stream()
          .filter(d -> "outbound".equals(value(d, IndexFields.DIRECTION))).count());
    }
  }

  private static String value(Document d, String field) {
    IndexableField f = d.getField(field);
    return f == null ? null : String.valueOf(SolrDocuments.value(f));
  }

  @Test
  void rightPassword_isAccepted_throughZooKeeperAndAUrl() throws Exception {
    var auth = Optional.of(new SolrAuth(SolrCloud.USER, SolrCloud.PASSWORD));
    try (SolrConnection zk = open("zk://" + cloud.zkAddress() + "/mail", auth);
        SolrConnection url = open(cloud.nodeUrl() + "/mail", auth)) {
      assertThat(count(zk, "*:*")).isEqualTo(count(url, "*:*")).isEqualTo(lucene.size());
    }
  }

  @Test
  void wrongPassword_isOneLine() {
    var wrong = Optional.of(new SolrAuth(SolrCloud.USER, "not-the-password"));
    assertThatThrownBy(() -> open(cloud.nodeUrl() + "/mail", wrong)).isInstanceOf(SolrAccessException.class)
        .hasMessage("authentication failed for user solr at " + cloud.nodeUrl()
            + " (HTTP 401): check --solr-user and the password file (or SMTPLOG_SOLR_PASSWORD)");
    assertThatThrownBy(() -> open("zk://" + cloud.zkAddress() + "/mail", wrong)).isInstanceOf(SolrAccessException.class)
        .hasMessage("authentication failed for user solr at zk://" + cloud.zkAddress()
            + " (HTTP 401): check --solr-user and the password file (or SMTPLOG_SOLR_PASSWORD)");
  }

  @Test
  void missingCollection_isOneLine_withTheCollectionsThereAre() {
    assertThatThrownBy(() -> open("zk://" + cloud.zkAddress() + "/nosuch", Optional.empty()))
        .isInstanceOf(SolrAccessException.class)
        .hasMessageMatching("collection nosuch does not exist on zk://" + java.util.regex.Pattern.quote(cloud.zkAddress())
            + " \\(collections: (.*, )?foreign, (.*, )?mail(, .*)?\\): create it with `bin/solr create -c nosuch -n smtplog"
            + " -shards 2` after uploading the configset of `smtplog solr configset`");
    assertThatThrownBy(() -> open(cloud.nodeUrl() + "/nosuch", Optional.empty()))
        .hasMessageStartingWith("collection nosuch does not exist on " + cloud.nodeUrl() + " (collections: ");
  }

  @Test
  void collectionOfAnotherConfigset_isOneLine() {
    assertThatThrownBy(() -> open(cloud.nodeUrl() + "/foreign", Optional.empty())).isInstanceOf(SolrAccessException.class)
        .hasMessage("collection foreign on " + cloud.nodeUrl() + " was not made from smtplog's configset of format 5"
            + " (its schema is 'other', not 'smtplog-format-5'): upload the configset of `smtplog solr configset` and"
            + " create a collection from it");
  }

  @Test
  void nothingListening_isOneLine() {
    assertThatThrownBy(() -> SolrConnection.open(SolrTarget.parse("http://127.0.0.1:1/solr/mail"), Optional.empty(),
        Optional.empty(), Duration.ofSeconds(2))).isInstanceOf(SolrAccessException.class)
        .hasMessage("cannot reach Solr at http://127.0.0.1:1/solr while listing the collections (no node answers):"
            + " is it running, and is the address right?");
    assertThatThrownBy(() -> SolrConnection.open(SolrTarget.parse("zk://127.0.0.1:1/mail"), Optional.empty(),
        Optional.empty(), Duration.ofSeconds(1))).isInstanceOf(SolrAccessException.class)
        .hasMessage("cannot reach ZooKeeper at 127.0.0.1:1 while listing the collections: is it running, and is the"
            + " address right (bin/solr's -z)?");
  }
}
