package io.smtplog.solr;

import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * Translates a query smtplog parsed ({@link io.smtplog.core.index.IndexSearch#parse}) into Solr's
 * standard query syntax, so that Solr matches the same documents: the text is not handed over as
 * typed, because smtplog's parser gives it meanings Solr's would not (times as ISO dates or
 * {@code now-1d} in the user's zone, {@code field:*} on numbers, inclusive bounds of an exclusive
 * range, lower-cased keywords). Every value is written exactly (escaped with
 * {@link ClientUtils#escapeQueryChars}; decimals in Java's shortest exact form), and every clause
 * with its operator, so Solr's {@code q.op} and {@code df} play no part. A query of a type the
 * parser does not make is refused ({@link UnsupportedQueryException}) rather than guessed.
 *
 * <p>Lucene semantics kept where Solr's parser differs: a Boolean query of prohibited clauses alone
 * matches nothing in Lucene, while Solr would add {@code *:*} to it; it is written so that it
 * matches nothing in Solr too.
 */
public final class SolrQueries {
  /** Nothing at all, in a form Solr's parser keeps as it is (a pure negative clause would match everything else). */
  static final String NOTHING = "(*:* -*:*)";
  static final String EVERYTHING = "*:*";
  /** {@code SortedNumericDocValuesRangeQuery#toString}: {@code field:[low TO high]} (the class is package-private). */
  private static final Pattern SLOW_RANGE = Pattern.compile("(.+):\\[(-?\\d+) TO (-?\\d+)]");
  private static final String SLOW_RANGE_CLASS = "SortedNumericDocValuesRangeQuery";

  /** A query whose translation is not known: its class, and what to do instead. */
  public static final class UnsupportedQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedQueryException(String message) {
      super(message);
    }
  }

  private SolrQueries() {}

  /** {@code query} in Solr's standard (lucene) syntax, matching what it matches in the local index. */
  public static String toSolr(Query query) {
    StringBuilder out = new StringBuilder();
    write(query, out);
    return out.toString();
  }

  private static void write(Query query, StringBuilder out) {
    if (query instanceof MatchAllDocsQuery) {
      out.append(EVERYTHING);
    } else if (query instanceof MatchNoDocsQuery) {
      out.append(NOTHING);
    } else if (query instanceof TermQuery t) {
      term(t.getTerm(), out);
    } else if (query instanceof BooleanQuery b) {
      bool(b, out);
    } else if (query instanceof BoostQuery b) {
      // The boost changes scores only; what matches is the inner query's.
      write(b.getQuery(), out);
    } else if (query instanceof PhraseQuery p) {
      phrase(p, out);
    } else if (query instanceof PointRangeQuery p) {
      pointRange(p, out);
    } else if (query instanceof FieldExistsQuery e) {
      out.append(field(e.getField())).append(":[* TO *]");
    } else if (query instanceof WildcardQuery w) {
      out.append(field(w.getField())).append(':').append(wildcard(w.getTerm().text()));
    } else if (query instanceof PrefixQuery p) {
      out.append(field(p.getField())).append(':').append(ClientUtils.escapeQueryChars(p.getPrefix().text())).append('*');
    } else if (query instanceof RegexpQuery r) {
      out.append(field(r.getField())).append(":/").append(regexp(r.getRegexp().text())).append('/');
    } else if (query instanceof FuzzyQuery f) {
      fuzzy(f, out);
    } else if (query instanceof TermRangeQuery r) {
      termRange(r, out);
    } else if (query.getClass().getSimpleName().equals(SLOW_RANGE_CLASS)) {
      slowRange(query, out);
    } else {
      throw new UnsupportedQueryException("a query of type " + query.getClass().getSimpleName()
          + " cannot be sent to Solr yet: write it with terms, phrases, ranges and wildcards");
    }
  }

  private static void term(Term term, StringBuilder out) {
    out.append(field(term.field())).append(':').append(ClientUtils.escapeQueryChars(term.text()));
  }

  private static String field(String name) {
    return ClientUtils.escapeQueryChars(name);
  }

  private static void bool(BooleanQuery b, StringBuilder out) {
    if (b.getMinimumNumberShouldMatch() > 0) {
      throw new UnsupportedQueryException("a query with a minimum number of optional clauses cannot be sent to Solr yet");
    }
    List<BooleanClause> clauses = b.clauses();
    if (clauses.isEmpty()) {
      out.append(NOTHING); // Lucene: an empty Boolean query matches nothing
      return;
    }
    boolean onlyProhibited = clauses.stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT);
    List<String> parts = new ArrayList<>();
    if (onlyProhibited) {
      parts.add("+" + NOTHING);
    }
    for (BooleanClause c : clauses) {
      String inner = c.getQuery() instanceof BooleanQuery ? toSolr(c.getQuery()) : "(" + toSolr(c.getQuery()) + ")";
      parts.add(switch (c.getOccur()) {
        case MUST, FILTER -> "+" + inner;
        case MUST_NOT -> "-" + inner;
        case SHOULD -> inner;
      });
    }
    out.append('(').append(String.join(" ", parts)).append(')');
  }

  /** The terms at consecutive positions, re-analysed alike by Solr (the same analyser); with a slop, {@code ~slop}. */
  private static void phrase(PhraseQuery p, StringBuilder out) {
    Term[] terms = p.getTerms();
    int[] positions = p.getPositions();
    if (terms.length == 0) {
      out.append(NOTHING);
      return;
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      if (positions[i] != positions[0] + i) {
        throw new UnsupportedQueryException("a phrase with gaps or stacked words cannot be sent to Solr yet");
      }
      words.add(terms[i].text());
    }
    out.append(field(p.getField())).append(":\"").append(String.join(" ", words).replace("\\", "\\\\").replace("\"", "\\\""))
        .append('"');
    if (p.getSlop() > 0) {
      out.append('~').append(p.getSlop());
    }
  }

  private static void pointRange(PointRangeQuery p, StringBuilder out) {
    if (p.getNumDims() != 1) {
      throw new UnsupportedQueryException("a range over " + p.getNumDims() + " dimensions cannot be sent to Solr");
    }
    IndexField f = numericField(p.getField());
    if (f.type() == IndexField.Type.DOUBLE) {
      range(p.getField(), doubleBound(DoublePoint.decodeDimension(p.getLowerPoint(), 0)),
          doubleBound(DoublePoint.decodeDimension(p.getUpperPoint(), 0)), out);
    } else {
      range(p.getField(), longBound(LongPoint.decodeDimension(p.getLowerPoint(), 0)),
          longBound(LongPoint.decodeDimension(p.getUpperPoint(), 0)), out);
    }
  }

  /**
   * A range over doc values ({@link SortedNumericDocValuesField#newSlowRangeQuery}): its bounds read
   * from its text, and checked by making the same query again from them (equal, or refused).
   */
  private static void slowRange(Query query, StringBuilder out) {
    Matcher m = SLOW_RANGE.matcher(query.toString());
    if (!m.matches()) {
      throw new UnsupportedQueryException("a range over doc values whose bounds cannot be read: " + query.getClass().getName());
    }
    String name = m.group(1);
    long low = Long.parseLong(m.group(2));
    long high = Long.parseLong(m.group(3));
    if (!SortedNumericDocValuesField.newSlowRangeQuery(name, low, high).equals(query)) {
      throw new UnsupportedQueryException("a range over doc values whose bounds cannot be read: " + query.getClass().getName());
    }
    IndexField f = numericField(name);
    if (f.type() == IndexField.Type.DOUBLE) {
      range(name, doubleBound(NumericUtils.sortableLongToDouble(low)), doubleBound(NumericUtils.sortableLongToDouble(high)), out);
    } else {
      range(name, longBound(low), longBound(high), out);
    }
  }

  private static IndexField numericField(String name) {
    return IndexFields.field(name).filter(IndexField::numeric)
        .orElseThrow(() -> new UnsupportedQueryException("a numeric range over '" + name + "', which is not a numeric field"));
  }

  private static String longBound(long v) {
    return v == Long.MIN_VALUE || v == Long.MAX_VALUE ? "*" : Long.toString(v);
  }

  /** Java's shortest text that parses back to the same double (Solr parses with Double.parseDouble). */
  private static String doubleBound(double v) {
    if (Double.isInfinite(v)) {
      return "*";
    }
    return ClientUtils.escapeQueryChars(Double.toString(v).toLowerCase(Locale.ROOT));
  }

  private static void range(String name, String low, String high, StringBuilder out) {
    out.append(field(name)).append(":[").append(low).append(" TO ").append(high).append(']');
  }

  private static void termRange(TermRangeQuery r, StringBuilder out) {
    out.append(field(r.getField())).append(':').append(r.includesLower() ? '[' : '{')
        .append(termBound(r.getLowerTerm())).append(" TO ").append(termBound(r.getUpperTerm()))
        .append(r.includesUpper() ? ']' : '}');
  }

  private static String termBound(BytesRef term) {
    return term == null ? "*" : '"' + term.utf8ToString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static void fuzzy(FuzzyQuery f, StringBuilder out) {
    if (f.getPrefixLength() != FuzzyQuery.defaultPrefixLength || !f.getTranspositions()) {
      throw new UnsupportedQueryException("a fuzzy query with a prefix length or without transpositions cannot be sent to Solr");
    }
    out.append(field(f.getField())).append(':').append(ClientUtils.escapeQueryChars(f.getTerm().text())).append('~')
        .append(f.getMaxEdits());
  }

  /** A regular expression between slashes: a slash not yet escaped is escaped; the rest is Solr's syntax as Lucene's. */
  private static String regexp(String pattern) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        out.append(c).append(pattern.charAt(++i));
      } else {
        out.append(c == '/' ? "\\/" : String.valueOf(c));
      }
    }
    return out.toString();
  }

  /** A wildcard pattern: {@code *} and {@code ?} kept, everything else escaped ({@code \} escapes the next character). */
  private static String wildcard(String pattern) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == WildcardQuery.WILDCARD_ESCAPE && i + 1 < pattern.length()) {
        out.append(ClientUtils.escapeQueryChars(String.valueOf(pattern.charAt(++i)))); // escapes * ? \ too
      } else if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR) {
        out.append(c);
      } else {
        out.append(ClientUtils.escapeQueryChars(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
