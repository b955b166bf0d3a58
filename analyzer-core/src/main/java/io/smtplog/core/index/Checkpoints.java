package io.smtplog.core.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.pipeline.Resume;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How far each input was read into the index, kept in the index's commit user data so that a
 * commit holds the documents and the positions together: an ingest killed at any moment leaves
 * the last commit, whose positions say exactly which lines it holds.
 *
 * <p>An input is known by its content, not its name, so that a file that grew is read on from
 * where it stopped and a rotated or compressed copy ({@code mail.log} → {@code mail.log.1.gz}) is
 * recognised: by the SHA-256 of its first {@value #PREFIX} decompressed bytes, and by a hash of
 * the bytes just before the position reached (up to {@value #TAIL}). The first alone took a
 * different file that starts like an old one (the same first lines) for the old one and skipped
 * it whole; the second tells them apart, and tells a file truncated and written again (shorter
 * than the position, or other bytes before it) from one that grew: such a file is read again
 * from its start, as a new input. The file's device and inode, where the file system has them,
 * pick between entries whose content both match (the file renamed by a rotation is the one it
 * was). Not thread-safe.
 */
final class Checkpoints {
  static final int PREFIX = 4096;
  /** At most this many bytes before a position are hashed to recognise the content read up to it. */
  static final int TAIL = 1024;
  static final String USER_DATA_KEY = "smtplog.checkpoints";
  static final String SEQ_KEY = IndexStore.NEXT_ORDER;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bytes of SHA-256 kept of a tail: enough to tell contents apart, small in every commit. */
  private static final int TAIL_HASH_BYTES = 16;

  /**
   * One input: the length and hash of the prefix it was known by, the position reached, the
   * length and hash of the bytes before that position, its device and inode ("dev:ino") and its
   * identity in the {@link FileTable}. Entries of indexes written before the tails were kept have
   * no tail, file key nor id: they are recognised by their prefix, as then.
   */
  record Entry(int prefix, String sha256, long offset, long lines, String name, int tailBytes, String tail,
      String fileKey, String id) {
    String identity() {
      return id != null ? id : "sha256:" + sha256;
    }
  }

  /** The bytes of an input's (decompressed) content before a position. */
  @FunctionalInterface
  interface Content {
    /** {@code count} bytes ending at {@code offset}, or null when the content is shorter than {@code offset}. */
    byte[] before(long offset, int count) throws IOException;
  }

  /**
   * What an input is to the index: its identity, where its reading starts (START for a new one),
   * and whether it is an input read before (its content up to a recorded position is this one's).
   */
  record Known(String identity, Resume.Position start, boolean readBefore) {}

  private final List<Entry> entries;

  private Checkpoints(List<Entry> entries) {
    this.entries = entries;
  }

  static Checkpoints fromUserData(Map<String, String> userData) {
    String json = userData.get(USER_DATA_KEY);
    if (json == null) {
      return new Checkpoints(new ArrayList<>());
    }
    try {
      return new Checkpoints(new ArrayList<>(JSON.readValue(json, new TypeReference<List<Entry>>() { })));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the index's checkpoints cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  Map<String, String> toUserData(long nextSeq) {
    Map<String, String> data = new LinkedHashMap<>();
    try {
      data.put(USER_DATA_KEY, JSON.writeValueAsString(entries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    data.put(SEQ_KEY, Long.toString(nextSeq));
    return data;
  }

  /**
   * What the input that starts with {@code head[0, length)} is: an input read before whose
   * content before its position is this one's (the one with this {@code fileKey} first, else the
   * one read furthest), read on from that position; else a new input, with an identity no input
   * had ({@code taken} says which the file table holds), read from its start.
   */
  Known find(byte[] head, int length, String fileKey, Content content, Predicate<String> taken) throws IOException {
    return find(head, length, fileKey, content, taken, false);
  }

  /**
   * As above; {@code archive} when the input is compressed: an archive that starts like one read
   * before but ends before its position is that input still being written (a rotation's copy in
   * progress), not a new one, so it is taken as that input (nothing new is read from it) rather
   * than read again from its start.
   */
  Known find(byte[] head, int length, String fileKey, Content content, Predicate<String> taken, boolean archive)
      throws IOException {
    Map<Integer, String> prefixHashes = new HashMap<>();
    Entry best = null;
    Entry unfinished = null;
    boolean startsLikeAnother = false;
    for (Entry e : entries) {
      if (e.prefix() > length || !e.sha256().equals(prefixHashes.computeIfAbsent(e.prefix(), p -> sha256(head, p)))) {
        continue;
      }
      startsLikeAnother = true;
      byte[] before = e.tail() == null || e.offset() == 0 ? null : content.before(e.offset(), e.tailBytes());
      if (archive && e.tail() != null && e.offset() > 0 && before == null
          && (unfinished == null || e.offset() > unfinished.offset())) {
        unfinished = e;
      }
      if (!holds(before, e)) {
        continue; // another file with the same first bytes, or this one truncated and written again
      }
      boolean sameFile = fileKey != null && fileKey.equals(e.fileKey());
      boolean bestSameFile = best != null && fileKey != null && fileKey.equals(best.fileKey());
      if (best == null || sameFile && !bestSameFile || sameFile == bestSameFile && e.offset() > best.offset()) {
        best = e;
      }
    }
    if (best != null) {
      return new Known(best.identity(), new Resume.Position(best.offset(), best.lines()), true);
    }
    if (unfinished != null) {
      return new Known(unfinished.identity(), new Resume.Position(unfinished.offset(), unfinished.lines()), true);
    }
    String identity = "sha256:" + sha256(head, length);
    if (startsLikeAnother || taken.test(identity) || entries.stream().anyMatch(e -> e.identity().equals(identity))) {
      return new Known(identity + "/" + UUID.randomUUID(), Resume.Position.START, false); // starts like one read before
    }
    return new Known(identity, Resume.Position.START, false);
  }

  /** True when {@code before}, the content's bytes before the entry's position, are those there when it was read. */
  private static boolean holds(byte[] before, Entry e) {
    if (e.tail() == null || e.offset() == 0) {
      return true; // an entry of an older index: known by its prefix alone
    }
    return before != null && e.tail().equals(tailHash(before, 0, before.length));
  }

  /**
   * Records the position of the input {@code identity} (replacing what was recorded for it), the
   * hash of the {@code tail} bytes before it, and the input's head and file key.
   */
  void record(String identity, byte[] head, int length, Resume.Position position, String name, Tail tail,
      String fileKey) {
    Objects.requireNonNull(identity, "identity");
    entries.removeIf(e -> e.identity().equals(identity));
    entries.add(new Entry(length, sha256(head, length), position.offset(), position.lines(), name,
        tail == null ? 0 : tail.bytes(), tail == null ? null : tail.hash(), fileKey, identity));
  }

  /** The hash of the last bytes before a position, and how many they are. */
  record Tail(int bytes, String hash) {
    /** The tail of {@code data[0, length)}: its last {@value Checkpoints#TAIL} bytes, or all of them. */
    static Tail of(byte[] data, int length) {
      int n = Math.min(TAIL, length);
      return new Tail(n, tailHash(data, length - n, n));
    }
  }

  int size() {
    return entries.size();
  }

  static String sha256(byte[] data, int length) {
    return HexFormat.of().formatHex(digest(data, 0, length));
  }

  private static String tailHash(byte[] data, int from, int count) {
    return HexFormat.of().formatHex(digest(data, from, count), 0, TAIL_HASH_BYTES);
  }

  private static byte[] digest(byte[] data, int from, int count) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data, from, count);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
