package io.smtplog.core.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs the index holds lines of, by ordinal: {@link LineRefs} name lines by ordinal and
 * line number. An input is known by its identity ({@link Checkpoints}: kept while the file grows;
 * standard input and pipes get a new one each time they are read), so a file that grew keeps its
 * ordinal, and a file rotated under another name too; its name is the
 * one it was last read under. Kept in the commit's user data. Not thread-safe.
 */
final class FileTable {
  static final String USER_DATA_KEY = "smtplog.files";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is stored: the names by ordinal, and the ordinal of each identity. */
  record Stored(List<String> names, Map<String, Integer> identities) {}

  private final List<String> names;
  private final Map<String, Integer> byIdentity;

  private FileTable(List<String> names, Map<String, Integer> byIdentity) {
    this.names = names;
    this.byIdentity = byIdentity;
  }

  static FileTable fromUserData(Map<String, String> userData) {
    String json = userData.get(USER_DATA_KEY);
    if (json == null) {
      return new FileTable(new ArrayList<>(), new LinkedHashMap<>());
    }
    try {
      Stored stored = JSON.readValue(json, Stored.class);
      return new FileTable(new ArrayList<>(stored.names()), new LinkedHashMap<>(stored.identities()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the index's file table cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  void toUserData(Map<String, String> userData) {
    try {
      userData.put(USER_DATA_KEY, JSON.writeValueAsString(new Stored(names, byIdentity)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ordinal of the input with this identity, read now under {@code name} (added when new). */
  int ordinal(String identity, String name) {
    Integer known = byIdentity.get(identity);
    if (known != null) {
      names.set(known, name);
      return known;
    }
    if (names.size() > LineRefs.MAX_INPUT) {
      throw new IllegalStateException("the index holds " + names.size() + " inputs: start a new index");
    }
    names.add(name);
    byIdentity.put(identity, names.size() - 1);
    return names.size() - 1;
  }

  /** True when an input has {@code identity}. */
  boolean knows(String identity) {
    return byIdentity.containsKey(identity);
  }

  /** The name of input {@code ordinal}. */
  String name(int ordinal) {
    return ordinal >= 0 && ordinal < names.size() ? names.get(ordinal) : "?";
  }

  int size() {
    return names.size();
  }
}
