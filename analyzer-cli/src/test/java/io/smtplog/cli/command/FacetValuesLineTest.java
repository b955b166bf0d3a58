package io.smtplog.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.index.IndexView;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code query --facet}'s line on standard error for a field with more values than shown: the
 * number of values, and "about" when it is an estimate (a facet over Solr past
 * SolrIndexView.EXACT_VALUES; analyzer-solr's SolrIndexViewTest shows such a facet).
 */
class FacetValuesLineTest {
  private static final Map<String, Long> TOP = Map.of("a@example.org", 7L, "b@example.org", 3L);

  @Test
  void exactNumber_isPlain() {
    assertThat(QueryCommand.moreValues("recipient", new IndexView.Facet(TOP, 12_345)))
        .hasValue("(recipient: 12,345 values, the first 2 shown; --limit 0 shows all)");
  }

  @Test
  void estimatedNumber_saysAbout() {
    assertThat(QueryCommand.moreValues("recipient", new IndexView.Facet(TOP, 1_234_567, true)))
        .hasValue("(recipient: about 1,234,567 values, the first 2 shown; --limit 0 shows all)");
  }

  @Test
  void everyValueShown_saysNothing() {
    assertThat(QueryCommand.moreValues("recipient", new IndexView.Facet(TOP, 2))).isEmpty();
  }
}
