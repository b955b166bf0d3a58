package io.smtplog.solr;

import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.LineRefs;
import java.util.Arrays;
import org.apache.solr.common.SolrDocument;

/**
 * A stored chunk of a source, as a listing of its chunk documents gives it: its id, input (in the
 * source's file table), the name its file was read under, and its lines. What the Solr views need to
 * turn references into chunks to read ({@link ChunkPlaces} finds them).
 */
record ChunkPlace(String id, int input, String file, long first, long last) {
  /** The fields a listing of chunk documents asks for. */
  static final String[] FIELDS = {SolrSchema.ID, IndexFields.INPUT, IndexFields.CHUNK_FILE, IndexFields.CHUNK_FIRST,
      IndexFields.CHUNK_LAST};

  /** The place of a chunk document listed with {@link #FIELDS}. */
  static ChunkPlace of(SolrDocument d) {
    return new ChunkPlace(String.valueOf(d.getFirstValue(SolrSchema.ID)),
        ((Number) d.getFirstValue(IndexFields.INPUT)).intValue(), String.valueOf(d.getFirstValue(IndexFields.CHUNK_FILE)),
        ((Number) d.getFirstValue(IndexFields.CHUNK_FIRST)).longValue(),
        ((Number) d.getFirstValue(IndexFields.CHUNK_LAST)).longValue());
  }

  /** True when one of {@code refs} (sorted) is a line of this chunk. */
  boolean holdsAny(long[] refs) {
    int at = Arrays.binarySearch(refs, LineRefs.pack(input, first));
    at = at < 0 ? -at - 1 : at;
    return at < refs.length && refs[at] <= LineRefs.pack(input, last);
  }

  /** The line numbers of {@code refs} (sorted) in this chunk, sorted. */
  long[] linesIn(long[] refs) {
    return Arrays.stream(refs).filter(r -> r >= LineRefs.pack(input, first) && r <= LineRefs.pack(input, last))
        .map(LineRefs::line).toArray();
  }
}
