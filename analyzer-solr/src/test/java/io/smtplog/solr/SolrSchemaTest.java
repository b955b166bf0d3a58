package io.smtplog.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexFields;
import io.smtplog.solr.SolrSchema.SolrField;
import io.smtplog.solr.SolrSchema.SolrType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SolrSchemaTest {
  private static final List<String> SAMPLES = List.of("postfix/loopback-relay.log", "postfix/content-filter.log",
      "postfix/forward-bounce.log", "postfix/header-checks.log", "postfix/debug-verbose.log",
      "postfix/smtpd-verbose.log", "exim/nopid-mainlog.log", "exim/nopid-rejectlog.log",
      "transcripts/swaks-sink.transcript", "transcripts/smtplib-sink.transcript", "transcripts/postfix-debug-peer.log");

  @Test
  void aFieldWrittenTwiceOnADocument_isMultiValued_andEveryNumberWrittenOnce_isNot() throws Exception {
    TreeSet<String> repeated = new TreeSet<>();
    for (String sample : SAMPLES) {
      for (Document d : SampleDocuments.of(sample)) {
        Map<String, Integer> counts = new HashMap<>();
        for (IndexableField f : d.getFields()) {
          counts.merge(f.name(), 1, Integer::sum);
        }
        counts.forEach((name, n) -> {
          assertThat(SolrSchema.field(name)).as(name + " in the schema").isPresent();
          if (n > 1) {
            repeated.add(name);
          }
        });
      }
    }
    assertThat(repeated).allSatisfy(name -> assertThat(SolrSchema.field(name).orElseThrow().multiValued()).as(name).isTrue());
    // A dialogue: every reply (code, enhanced, tag), command and HELO name; a message may have several sessions too;
    // a recipient forwarded to several addresses (an alias).
    assertThat(repeated).containsExactly(IndexFields.FORWARD_TARGETS, IndexFields.CODE, IndexFields.COMMAND, IndexFields.ENHANCED, IndexFields.HELO,
        IndexFields.TAG);
    assertThat(SolrSchema.fields().stream().filter(f -> f.type() == SolrType.LONG || f.type() == SolrType.DOUBLE)
        .filter(SolrField::multiValued).map(SolrField::name)).containsExactly(IndexFields.CODE);
  }

  @Test
  void everyFieldOfTheTableAndTheInternals_withItsIndexing() {
    // id, _version_, _source, _committed, _lease
    assertThat(SolrSchema.fields()).hasSize(5 + IndexFields.all().size() + IndexFields.internal().size());
    assertThat(SolrSchema.field(IndexFields.STATUS)).contains(new SolrField("status", SolrType.STRING, true, false, true, true));
    assertThat(SolrSchema.field(IndexFields.QUEUE_ID)).contains(new SolrField("queue_id", SolrType.STRING, true, false, false, true));
    assertThat(SolrSchema.field(IndexFields.TIME)).contains(new SolrField("time", SolrType.LONG, true, false, true, false));
    assertThat(SolrSchema.field(IndexFields.ATTEMPTS)).contains(new SolrField("attempts", SolrType.LONG, false, false, true, false));
    assertThat(SolrSchema.field(IndexFields.DELAY)).contains(new SolrField("delay", SolrType.DOUBLE, true, false, true, false));
    assertThat(SolrSchema.field(IndexFields.TEXT)).contains(new SolrField("text", SolrType.TEXT, true, false, false, false));
    assertThat(SolrSchema.field("_shown")).contains(new SolrField("_shown", SolrType.BINARY, false, true, false, false));
    assertThat(SolrSchema.field("_open_keys")).contains(new SolrField("_open_keys", SolrType.STRING, false, true, false, false));
    assertThat(SolrSchema.field(SolrSchema.SOURCE)).contains(new SolrField("_source", SolrType.STRING, true, false, true, false));
  }

  @Test
  void configset_isTwoFiles_withTheSchemasNameAndTheStandardAnalyzersTokenizer(@TempDir Path dir) throws Exception {
    assertThat(SolrConfigset.write(dir.resolve("conf"))).extracting(p -> p.getFileName().toString())
        .containsExactly("managed-schema.xml", "solrconfig.xml");
    var factory = DocumentBuilderFactory.newInstance();
    Element schema = factory.newDocumentBuilder().parse(dir.resolve("conf/managed-schema.xml").toFile()).getDocumentElement();
    assertThat(schema.getAttribute("name")).isEqualTo("smtplog-format-5");
    assertThat(schema.getElementsByTagName("uniqueKey").item(0).getTextContent()).isEqualTo("id");
    NodeList fields = schema.getElementsByTagName("field");
    assertThat(fields.getLength()).isEqualTo(SolrSchema.fields().size());
    Element tokenizer = (Element) schema.getElementsByTagName("tokenizer").item(0);
    assertThat(tokenizer.getAttribute("class")).isEqualTo("solr.StandardTokenizerFactory");
    assertThat(tokenizer.getAttribute("maxTokenLength")).isEqualTo("255");
    assertThat(schema.getElementsByTagName("filter").getLength()).as("lower case only: no stop words").isEqualTo(1);
    Element config = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readString(dir.resolve("conf/solrconfig.xml")).getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
    assertThat(config.getElementsByTagName("luceneMatchVersion").item(0).getTextContent()).isEqualTo("9.12");
    assertThat(config.getElementsByTagName("updateLog").getLength()).isEqualTo(1);
  }
}
