package io.smtplog.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearNamesTest {
  private static final List<String> FORMATS = List.of("table", "csv", "json", "html", "prometheus");

  @Test
  void nearest_findsSwapsAndOneLetterTypos_only() {
    assertThat(NearNames.nearest("cvs", FORMATS)).containsExactly("csv");
    assertThat(NearNames.nearest("jsno", FORMATS)).containsExactly("json");
    assertThat(NearNames.nearest("JSN", FORMATS)).containsExactly("json");
    assertThat(NearNames.nearest("stauts", List.of("status", "kind", "mta"))).containsExactly("status");
    assertThat(NearNames.nearest("xml", FORMATS)).as("nothing near").isEmpty();
    assertThat(NearNames.nearest("csv", FORMATS)).as("a name itself").isEmpty();
    assertThat(NearNames.nearest("CSV", FORMATS)).as("a case apart").containsExactly("csv");
    assertThat(NearNames.nearest("x".repeat(1_000_000), FORMATS)).as("a megabyte typed").isEmpty();
  }

  @Test
  void nearest_keepsTiesInOrder_atMostThree() {
    assertThat(NearNames.nearest("cat", List.of("bat", "cut", "car", "cap", "hat"))).containsExactly("bat", "cut", "car");
    assertThat(NearNames.didYouMean(List.of("a", "b"))).isEqualTo("did you mean a or b?");
    assertThat(NearNames.didYouMean(List.of())).isEmpty();
  }
}
