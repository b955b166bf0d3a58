package io.smtplog.core.index;

import io.smtplog.core.pipeline.TimeExpressions;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.NumericUtils;

/**
 * Lucene's query syntax over the index's fields (docs/index-and-query.md, "Queries"): keyword fields match whole
 * values (lower-cased where they are indexed so), {@code text} is analysed, {@code code},
 * {@code size} and {@code line} are numbers, {@code delay} is seconds, and {@code time} takes
 * ISO 8601 dates and times ({@code 2024-06-01}, {@code 2024-06-01T10:00}, with or without an
 * offset; a bare date as an upper bound means the end of that day) and relative times
 * ({@code now}, {@code now-1d}, {@code now-2h}, {@code now-30m}, {@code now-1w}), as {@link TimeExpressions} reads
 * them. Not thread-safe.
 */
public final class SmtplogQueryParser extends QueryParser {
  private final ZoneId zone;
  private final Instant now;

  public SmtplogQueryParser(ZoneId zone, Instant now) {
    super(IndexFields.TEXT, IndexAnalyzers.perField());
    this.zone = zone;
    this.now = now;
    setAllowLeadingWildcard(true);
  }

  /** A field the index does not have would silently match nothing: say so instead. */
  private static IndexField known(String field) throws ParseException {
    return IndexFields.field(field).orElseThrow(() -> new ParseException("there is no field '" + QueryShape.cut(field)
        + "': " + IndexFields.nearest(field, IndexFields.names(), "", "")));
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    known(field);
    return super.getFieldQuery(field, queryText, slop);
  }

  /** {@code field:*} is "has a value", for numbers and times too; other wildcards match keywords and words. */
  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    IndexField f = known(field);
    if (termStr.equals("*")) {
      if (f.docValues()) {
        return new FieldExistsQuery(field);
      }
      if (f.type() == IndexField.Type.LONG || f.type() == IndexField.Type.TIME) {
        return longRange(f, Long.MIN_VALUE, Long.MAX_VALUE);
      }
      if (f.type() == IndexField.Type.DOUBLE) {
        return doubleRange(f, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      }
    } else if (f.numeric()) {
      throw new ParseException("'" + QueryShape.cut(termStr) + "': " + field + " holds numbers; use " + field + ":[low TO high] or "
          + field + ":*");
    }
    return super.getWildcardQuery(field, termStr);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    if (known(field).numeric()) {
      throw new ParseException("'" + QueryShape.cut(termStr) + "*': " + field + " holds numbers; use " + field + ":[low TO high] or "
          + field + ":*");
    }
    return super.getPrefixQuery(field, termStr);
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
    known(field);
    return super.getFuzzyQuery(field, termStr, minSimilarity);
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    known(field);
    return super.getRegexpQuery(field, termStr);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
    IndexField f = known(field);
    return switch (f.type()) {
      case LONG -> longRange(f, parseLong(field, queryText), parseLong(field, queryText));
      case DOUBLE -> doubleRange(f, parseDouble(field, queryText), parseDouble(field, queryText));
      case TIME -> longRange(f, time(queryText, false), time(queryText, true));
      default -> super.getFieldQuery(field, queryText, quoted);
    };
  }

  @Override
  protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
      boolean endInclusive) throws ParseException {
    IndexField f = known(field);
    boolean openLow = part1 == null || part1.equals("*");
    boolean openHigh = part2 == null || part2.equals("*");
    boolean time = f.type() == IndexField.Type.TIME;
    if (f.type() == IndexField.Type.LONG || time) {
      long low = openLow ? Long.MIN_VALUE : time ? time(part1, false) : parseLong(field, part1);
      long high = openHigh ? Long.MAX_VALUE : time ? time(part2, true) : parseLong(field, part2);
      if (!startInclusive && !openLow) {
        low = Math.addExact(low, 1);
      }
      if (!endInclusive && !openHigh) {
        high = time ? time(part2, false) - 1 : high - 1;
      }
      return longRange(f, low, high);
    }
    if (f.type() == IndexField.Type.DOUBLE) {
      double low = openLow ? Double.NEGATIVE_INFINITY : parseDouble(field, part1);
      double high = openHigh ? Double.POSITIVE_INFINITY : parseDouble(field, part2);
      if (!startInclusive && !openLow) {
        low = Math.nextUp(low);
      }
      if (!endInclusive && !openHigh) {
        high = Math.nextDown(high);
      }
      return doubleRange(f, low, high);
    }
    return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
  }

  /** A range of a whole-number field: on its points, or on its doc values when it has no points. */
  private static Query longRange(IndexField f, long low, long high) {
    return f.indexed() ? LongPoint.newRangeQuery(f.name(), low, high)
        : SortedNumericDocValuesField.newSlowRangeQuery(f.name(), low, high);
  }

  private static Query doubleRange(IndexField f, double low, double high) {
    return f.indexed() ? DoublePoint.newRangeQuery(f.name(), low, high)
        : SortedNumericDocValuesField.newSlowRangeQuery(f.name(), NumericUtils.doubleToSortableLong(low),
            NumericUtils.doubleToSortableLong(high));
  }

  private static long parseLong(String field, String text) throws ParseException {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new ParseException("'" + QueryShape.cut(text) + "' is not a number (" + field + " takes whole numbers)");
    }
  }

  private static double parseDouble(String field, String text) throws ParseException {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new ParseException("'" + QueryShape.cut(text) + "' is not a number of seconds (" + field + ")");
    }
  }

  /**
   * Epoch milliseconds of a time: the first millisecond of it, or with {@code upper} the last
   * one of a bare date (the end of that day).
   */
  long time(String text, boolean upper) throws ParseException {
    try {
      long millis = TimeExpressions.parse(text, zone, now, upper).toEpochMilli();
      return upper && TimeExpressions.isDate(text) ? millis - 1 : millis;
    } catch (DateTimeException e) {
      throw new ParseException("'" + QueryShape.cut(text) + "' is not a time: use 2024-06-01, 2024-06-01T10:00, "
          + "2024-06-01T10:00:00+02:00 or now-1d (s, m, h, d, w)");
    }
  }
}
