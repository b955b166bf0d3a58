package io.smtplog.core.index;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexWriter;

/**
 * What a folder named as the index holds. An ingest writes only Lucene's files there, so a folder
 * with anything else in it ({@code --index $HOME}, a folder of logs) is not an index, and an ingest
 * must not fill it with segment files. Stateless.
 */
public final class IndexFolder {
  /**
   * Lucene's names: the lock, the commits ({@code segments_N}, {@code pending_segments_N}), the
   * segments' files, and the temporary files a writer leaves when it is killed
   * ({@code _2_Lucene90FieldsIndex-doc_ids_4.tmp}).
   */
  private static final Pattern LUCENE_FILE = Pattern.compile(
      Pattern.quote(IndexWriter.WRITE_LOCK_NAME) + "|(pending_)?segments(_[0-9a-z]+|\\.gen)?|_[0-9a-z]+(_[0-9A-Za-z_-]+)?\\.[a-z0-9]+");

  private IndexFolder() {}

  /**
   * The first entry of {@code dir} that an index does not hold, if any: empty for a missing or
   * empty folder, or one that holds only Lucene's files (an index, or one whose first ingest was
   * stopped before it committed).
   */
  public static Optional<String> foreignEntry(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!LUCENE_FILE.matcher(name).matches() || !Files.isRegularFile(entry)) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }
}
