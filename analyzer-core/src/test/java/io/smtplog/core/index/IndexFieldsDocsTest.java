package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's field table is the code's: a field added, renamed or explained anew shows there. */
class IndexFieldsReadmeTest {

  @Test
  void theReadmeListsEveryFieldAsTheTableHasIt() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String table = IndexFields.markdown();
    assertThat(readme).as("README.md, section Fields: paste IndexFields.markdown()").contains(table);
    for (IndexField f : IndexFields.all()) {
      assertThat(table).contains("| `" + f.name() + "` | ").contains(f.example());
    }
  }
}
