package io.smtplog.core.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.core.pipeline.Resume;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each input was read into the index, kept in the index's commit user data so that a
 * commit holds the documents and the positions together: an ingest killed at any moment leaves
 * the last commit, whose positions say exactly which lines it holds. An input is known by its
 * content, not its name: the SHA-256 of its first {@value #PREFIX} decompressed bytes, so a file
 * that grew is read on from where it stopped and a rotated or compressed copy ({@code mail.log} →
 * {@code mail.log.1.gz}) is recognised. Not thread-safe.
 */
final class Checkpoints {
  static final int PREFIX = 4096;
  static final String USER_DATA_KEY = "smtplog.checkpoints";
  static final String SEQ_KEY = "smtplog.seq";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input: the length and hash of the prefix it was known by, and the position reached. */
  record Entry(int prefix, String sha256, long offset, long lines, String name) {}

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

  /** Where an input whose content starts with {@code head[0, length)} was left; START if unknown. */
  Resume.Position positionOf(byte[] head, int length) {
    Entry best = known(head, length);
    return best == null ? Resume.Position.START : new Resume.Position(best.offset(), best.lines());
  }

  /** The entry of the input that starts with {@code head[0, length)}, or null. */
  private Entry known(byte[] head, int length) {
    Entry best = null;
    for (Entry e : entries) {
      if (e.prefix() <= length && (best == null || e.prefix() > best.prefix())
          && e.sha256().equals(sha256(head, e.prefix()))) {
        best = e;
      }
    }
    return best;
  }

  /**
   * The identity of the input that starts with {@code head[0, length)}: the digest it was
   * recorded under when it was read before (a shorter prefix, if it grew since), else the digest
   * of this head.
   */
  String identityOf(byte[] head, int length) {
    Entry e = known(head, length);
    return "sha256:" + (e != null ? e.sha256() : sha256(head, length));
  }

  /** Records the position of the input with this head (replacing what the head's prefixes said). */
  void record(byte[] head, int length, Resume.Position position, String name) {
    entries.removeIf(e -> e.prefix() <= length && e.sha256().equals(sha256(head, e.prefix())));
    entries.add(new Entry(length, sha256(head, length), position.offset(), position.lines(), name));
  }

  int size() {
    return entries.size();
  }

  static String sha256(byte[] data, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data, 0, length);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
