package io.smtplog.core.report;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rows of a section too large to hold (a million domains): each iteration builds them again
 * from their source, one at a time ({@link SortedRuns}); {@link #get} walks forward from the last
 * row asked for, so reading in order costs one pass. Cells are as {@link Section} checks them: the
 * rows come from the same code as the rows held in memory. Not thread-safe.
 */
final class StreamedRows extends AbstractList<List<Object>> {
  private final int size;
  private final Supplier<Iterator<List<Object>>> source;
  private Iterator<List<Object>> cursor;
  private int position = -1;
  private List<Object> current;

  StreamedRows(int size, Supplier<Iterator<List<Object>>> source) {
    this.size = size;
    this.source = source;
  }

  /**
   * The rows of the first {@code top} (0: all) ranked states, each as {@code row} makes it, then
   * {@code last} when it is not null (a totals row).
   */
  static <S> StreamedRows of(SpillingMap.Ranked<S> ranked, int top,
      Function<SpillingMap.Entry<S>, List<Object>> row, List<Object> last) {
    return of(List.of(), ranked, s -> true, ranked.keys(), top, row, last == null ? List.of() : List.of(last));
  }

  /**
   * {@code first}, then the rows of the first {@code top} (0: all) ranked states that {@code which}
   * takes ({@code taken} of them in all), then {@code last}.
   */
  static <S> StreamedRows of(List<List<Object>> first, SpillingMap.Ranked<S> ranked, Predicate<S> which, long taken,
      int top, Function<SpillingMap.Entry<S>, List<Object>> row, List<List<Object>> last) {
    int shown = (int) Math.min(top > 0 ? Math.min(top, taken) : taken, Integer.MAX_VALUE - first.size() - last.size());
    return new StreamedRows(first.size() + shown + last.size(), () -> {
      Iterator<SpillingMap.Entry<S>> entries = ranked.runs().merged();
      return new Iterator<>() {
        private int read;

        @Override
        public boolean hasNext() {
          return read < first.size() + shown + last.size();
        }

        @Override
        public List<Object> next() {
          int at = read++;
          if (at < first.size()) {
            return first.get(at);
          }
          if (at >= first.size() + shown) {
            return last.get(at - first.size() - shown);
          }
          while (true) {
            SpillingMap.Entry<S> e = entries.next();
            if (which.test(e.state())) {
              return row.apply(e);
            }
          }
        }
      };
    });
  }

  /** These rows, each passed through {@code change} as it is read (the rows stay streamed). */
  StreamedRows mapped(Function<List<Object>, List<Object>> change) {
    return new StreamedRows(size, () -> {
      Iterator<List<Object>> rows = source.get();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public List<Object> next() {
          return change.apply(rows.next());
        }
      };
    });
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<List<Object>> iterator() {
    Iterator<List<Object>> rows = source.get();
    return new Iterator<>() {
      private int read;

      @Override
      public boolean hasNext() {
        return read < size && rows.hasNext();
      }

      @Override
      public List<Object> next() {
        read++;
        return rows.next();
      }
    };
  }

  @Override
  public List<Object> get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    if (cursor == null || index < position) {
      cursor = iterator();
      position = -1;
    }
    while (position < index) {
      current = cursor.next();
      position++;
    }
    return current;
  }
}
