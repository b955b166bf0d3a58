package io.smtplog.core.index;

import java.util.Objects;
import java.util.Set;

/**
 * One field of the index: its name, what it holds, whether it can be sorted and counted (doc
 * values), which kinds of document have it, and what it means (the field table of docs/index-and-query.md and
 * {@code smtplog query --help} are made from these).
 *
 * @param docValues true when it can be sorted and counted (doc values)
 * @param indexed true when it is indexed for search (terms, points); a field with doc values only
 *     is searched through them, more slowly: for figures people count by more than they search by
 * @param kinds the document kinds ({@link IndexFields#RECIPIENT}, ...) that have the field
 */
public record IndexField(String name, Type type, boolean docValues, boolean indexed, Set<String> kinds,
    String meaning, String example) {

  /** How a field is indexed and queried. */
  public enum Type {
    /** A whole value matched exactly, lower-cased on both sides: addresses, domains, names, tags. */
    KEYWORD,
    /** A whole value matched exactly, case kept: queue ids, Message-IDs, session ids, file names. */
    ID,
    /** A whole number: points (ranges) and doc values. */
    LONG,
    /** A decimal number of seconds: points and doc values. */
    DOUBLE,
    /** A point in time, epoch milliseconds: ranges in ISO 8601 or relative to now. */
    TIME,
    /** Analysed words: phrase and word queries. */
    TEXT
  }

  public IndexField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    kinds = Set.copyOf(kinds);
    if (!indexed && !docValues) {
      throw new IllegalArgumentException(name + ": neither indexed nor with doc values");
    }
    if (!indexed && type != Type.LONG && type != Type.DOUBLE && type != Type.TIME) {
      throw new IllegalArgumentException(name + ": only numbers may be doc values alone");
    }
  }

  /** True for the types a query reads as numbers. */
  public boolean numeric() {
    return type == Type.LONG || type == Type.DOUBLE || type == Type.TIME;
  }
}
