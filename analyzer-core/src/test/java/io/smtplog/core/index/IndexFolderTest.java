package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFolderTest {

  @Test
  void lucenesFiles_evenTheTemporaryOnesOfAKilledWriter_areAnIndex(@TempDir Path dir) throws Exception {
    // Names an ingest killed before its first commit left here (kill -9), and those of a commit.
    for (String name : List.of("write.lock", "segments_1", "pending_segments_2", "_0.cfs", "_0.cfe", "_0.si",
        "_2_Lucene90FieldsIndex-doc_ids_4.tmp", "_0_Lucene90FieldsIndexfile_pointers_2.tmp", "_1_Lucene912_0.doc",
        "_3.fdt", "_4_1.liv")) {
      Files.writeString(dir.resolve(name), "x");
    }
    assertThat(IndexFolder.foreignEntry(dir)).isEmpty();
  }

  @Test
  void anythingElse_isNotAnIndex(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("_0.cfs"), "x");
    Files.writeString(dir.resolve("mail.log"), "x");
    assertThat(IndexFolder.foreignEntry(dir)).contains("mail.log");
    assertThat(IndexFolder.foreignEntry(dir.resolve("missing"))).isEmpty();
  }
}
