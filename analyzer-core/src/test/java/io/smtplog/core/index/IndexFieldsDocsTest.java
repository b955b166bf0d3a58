package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The docs' field table is the code's: a field added, renamed or explained anew shows there. */
class IndexFieldsDocsTest {

  @Test
  void theDocsListEveryFieldAsTheTableHasIt() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "index-and-query.md"));
    String table = IndexFields.markdown();
    assertThat(docs).as("docs/index-and-query.md, section Fields: paste IndexFields.markdown()").contains(table);
    for (IndexField f : IndexFields.all()) {
      assertThat(table).contains("| `" + f.name() + "` | ").contains(f.example());
    }
  }
}
