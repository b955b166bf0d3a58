package io.smtplog.core.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The terms of a parsed query that can match nothing: a value outside the closed set of its field
 * ({@code status:bouncd}, {@code mta:sendmail}; {@link IndexFields#closedValues}). Lucene answers them
 * with no hits and no word, so the query command names them (issue 12). Wildcards and ranges are
 * not terms and are not checked. Stateless.
 */
public final class ImpossibleTerms {
  /** One such term: its field, its value as the query matches it (lower case) and the values the field holds. */
  public record ImpossibleTerm(String field, String value, List<String> values) {
    public ImpossibleTerm {
      values = List.copyOf(values);
    }
  }

  private ImpossibleTerms() {}

  /** The impossible terms of {@code query}, each once (in the order Lucene visits the clauses); empty when none. */
  public static List<ImpossibleTerm> in(Query query) {
    List<ImpossibleTerm> found = new ArrayList<>();
    query.visit(new QueryVisitor() {
      @Override
      public void consumeTerms(Query q, Term... terms) {
        for (Term t : terms) {
          IndexFields.closedValues(t.field())
              .filter(values -> !values.contains(t.text()))
              .map(values -> new ImpossibleTerm(t.field(), t.text(), values))
              .filter(term -> !found.contains(term))
              .ifPresent(found::add);
        }
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
        return this; // every clause, also a NOT: a typo there excludes nothing, which is as wrong
      }
    });
    return List.copyOf(found);
  }
}
