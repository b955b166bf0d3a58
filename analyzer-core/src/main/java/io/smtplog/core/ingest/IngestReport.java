package io.smtplog.core.ingest;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Plural;
import io.smtplog.core.model.SourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what became of every line read: events, skips by reason, problems by kind, with the
 * first few problems kept as samples (like jsoup's bounded error list), the first line of each
 * shape of a mail program's free text and verbose output (counted as {@code other}) as samples, and at
 * most one {@link InputNote} per file and {@link NoteKind}. Not thread-safe: one reading loop owns it.
 */
public final class IngestReport {
  private final int maxSamples;
  private final Map<ProblemKind, Long> problemsByKind = new EnumMap<>(ProblemKind.class);
  private final long[] skippedByReason = new long[SkipReason.values().length];
  private final Map<String, Long> otherPrograms = new TreeMap<>();
  private final List<LineProblem> samples = new ArrayList<>();
  private final List<OtherLine> otherSamples = new ArrayList<>();
  private final Set<String> sampledShapes = new HashSet<>();
  /** Notes by file and kind, in input order; a note keeps its first line and counts the others. */
  private final Map<String, NoteTally> notes = new LinkedHashMap<>();
  private final List<String> files = new ArrayList<>();
  private long linesRead;
  private long eventsParsed;
  private long bytesRead;
  private long problems;
  private long inputsNotOpened;
  private final long[] eventsByMta = new long[Mta.values().length];
  private final Map<String, FormatCounts> byFormat = new TreeMap<>();

  /** Files, lines, events and problems of one input format. */
  public static final class FormatCounts {
    long files;
    long lines;
    long events;
    long problems;

    public long files() {
      return files;
    }

    public long lines() {
      return lines;
    }

    public long events() {
      return events;
    }

    public long problems() {
      return problems;
    }
  }

  public IngestReport(int maxSamples) {
    if (maxSamples < 0) {
      throw new IllegalArgumentException("maxSamples must be >= 0, was " + maxSamples);
    }
    this.maxSamples = maxSamples;
  }

  /** The first line of a note about one file, and how many lines it covers. */
  private static final class NoteTally {
    final NoteKind kind;
    final SourceRef first;
    final String excerpt;
    long lines;

    NoteTally(NoteKind kind, SourceRef first, String excerpt, long lines) {
      this.kind = kind;
      this.first = first;
      this.excerpt = excerpt;
      this.lines = lines;
    }
  }

  /** No more notes than this are kept (files times kinds); later ones are still counted in their lines. */
  private static final int MAX_NOTES = 1000;

  /**
   * Counts one line's result, keeping {@code line} (read at {@code source}) as a sample when it is
   * a mail program's free text or verbose output and samples are still wanted, and as the first
   * line of a note about its file when the result carries one.
   */
  public void record(LineResult result, SourceRef source, String line) {
    record(result);
    if (result instanceof LineResult.Skipped skipped) {
      if (skipped.reason().isSampled() && otherSamples.size() < maxSamples
          && (skipped.detail().isEmpty() || !sampledShapes.contains(shapeKey(skipped.reason(), skipped.detail())))) {
        addOtherSample(new OtherLine(source, skipped.reason(), skipped.detail(), line));
      }
    } else if (result instanceof LineResult.Parsed parsed && parsed.note().isPresent()) {
      NoteKind kind = parsed.note().get();
      NoteTally tally = notes.get(noteKey(kind, source.file()));
      if (tally != null) {
        tally.lines++;
      } else if (notes.size() < MAX_NOTES) {
        notes.put(noteKey(kind, source.file()), new NoteTally(kind, source, LineProblem.excerptOf(line), 1));
      }
    }
  }

  /** A note about {@code line} at {@code source} that no parser gave (what the reader saw). */
  public void addNote(NoteKind kind, SourceRef source, String line) {
    NoteTally tally = notes.get(noteKey(kind, source.file()));
    if (tally != null) {
      tally.lines++;
    } else if (notes.size() < MAX_NOTES) {
      notes.put(noteKey(kind, source.file()), new NoteTally(kind, source, LineProblem.excerptOf(line), 1));
    }
  }

  /** Keeps one sample per shape: the first line of each kind of trace or free text. */
  private void addOtherSample(OtherLine sample) {
    otherSamples.add(sample);
    if (!sample.shape().isEmpty()) {
      sampledShapes.add(shapeKey(sample.reason(), sample.shape()));
    }
  }

  private static String shapeKey(SkipReason reason, String shape) {
    return reason.name() + '\u0000' + shape;
  }

  private static String noteKey(NoteKind kind, String file) {
    return kind.name() + '\u0000' + file;
  }

  /** Counts one line's result. */
  public void record(LineResult result) {
    linesRead++;
    if (result instanceof LineResult.Parsed parsed) {
      eventsParsed++;
      eventsByMta[parsed.event().mta().ordinal()]++;
    } else if (result instanceof LineResult.Skipped skipped) {
      skippedByReason[skipped.reason().ordinal()]++;
      if (skipped.reason() == SkipReason.OTHER_PROGRAM
          && (otherPrograms.size() < 1000 || otherPrograms.containsKey(skipped.detail()))) {
        otherPrograms.merge(skipped.detail(), 1L, Long::sum);
      }
    } else if (result instanceof LineResult.Malformed malformed) {
      addProblem(malformed.problem());
    } else {
      throw new AssertionError(result);
    }
  }

  /**
   * Adds the counts of {@code part}, a report of lines that come after every line counted here
   * (one chunk of input, counted on a parser thread), keeping samples in input order.
   */
  public void merge(IngestReport part) {
    linesRead += part.linesRead;
    eventsParsed += part.eventsParsed;
    for (int i = 0; i < eventsByMta.length; i++) {
      eventsByMta[i] += part.eventsByMta[i];
    }
    for (int i = 0; i < skippedByReason.length; i++) {
      skippedByReason[i] += part.skippedByReason[i];
    }
    part.otherPrograms.forEach((program, count) -> {
      if (otherPrograms.size() < 1000 || otherPrograms.containsKey(program)) {
        otherPrograms.merge(program, count, Long::sum);
      }
    });
    problems += part.problems;
    part.problemsByKind.forEach((kind, count) -> problemsByKind.merge(kind, count, Long::sum));
    for (LineProblem sample : part.samples) {
      if (samples.size() < maxSamples) {
        samples.add(sample);
      }
    }
    for (OtherLine sample : part.otherSamples) {
      if (otherSamples.size() < maxSamples
          && (sample.shape().isEmpty() || !sampledShapes.contains(shapeKey(sample.reason(), sample.shape())))) {
        addOtherSample(sample);
      }
    }
    part.notes.forEach((key, note) -> {
      NoteTally mine = notes.get(key);
      if (mine != null) {
        mine.lines += note.lines; // the part's lines come after this report's: the first stays first
      } else if (notes.size() < MAX_NOTES) {
        notes.put(key, new NoteTally(note.kind, note.first, note.excerpt, note.lines));
      }
    });
    part.files.forEach(files::add);
    bytesRead += part.bytesRead;
    inputsNotOpened += part.inputsNotOpened;
  }

  /** Counts a problem that is not tied to one parsed line (an unreadable file, a parser bug). */
  public void addProblem(LineProblem problem) {
    problems++;
    problemsByKind.merge(problem.kind(), 1L, Long::sum);
    if (samples.size() < maxSamples) {
      samples.add(problem);
    }
  }

  /** Adds the lines, events and problems of {@code part}, a chunk of an input of format {@code format}. */
  public void countFormat(String format, IngestReport part) {
    FormatCounts c = byFormat.computeIfAbsent(format, f -> new FormatCounts());
    c.lines += part.linesRead;
    c.events += part.eventsParsed;
    c.problems += part.problems;
  }

  /** Counts one input read to its end as being of {@code format}. */
  public void countFormatFile(String format) {
    byFormat.computeIfAbsent(format, f -> new FormatCounts()).files++;
  }

  /** Files, lines, events and problems per input format ("syslog", "exim", "transcript"). */
  public Map<String, FormatCounts> byFormat() {
    return Collections.unmodifiableMap(byFormat);
  }

  /** Events per kind of writer (Postfix, Exim, transcript). */
  public Map<Mta, Long> eventsByMta() {
    Map<Mta, Long> out = new EnumMap<>(Mta.class);
    for (Mta mta : Mta.values()) {
      if (eventsByMta[mta.ordinal()] > 0) {
        out.put(mta, eventsByMta[mta.ordinal()]);
      }
    }
    return out;
  }

  /** Counts an input that could not be opened at all (its problem is counted with {@link #addProblem}). */
  public void addInputNotOpened() {
    inputsNotOpened++;
  }

  /** The inputs that could not be opened (missing, permission denied, a directory that cannot be listed). */
  public long inputsNotOpened() {
    return inputsNotOpened;
  }

  public void addFile(String name, long bytes) {
    files.add(name);
    bytesRead += bytes;
  }

  public long linesRead() {
    return linesRead;
  }

  public long eventsParsed() {
    return eventsParsed;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public List<String> files() {
    return Collections.unmodifiableList(files);
  }

  public long skipped() {
    long sum = 0;
    for (long count : skippedByReason) {
      sum += count;
    }
    return sum;
  }

  public long skipped(SkipReason reason) {
    return skippedByReason[reason.ordinal()];
  }

  /**
   * Lines of mail programs that carry no event and are no free text: known records without
   * content, blank lines, comments, transcript prose (everything skipped except {@link #other()}).
   */
  public long ignored() {
    return skipped() - other();
  }

  /**
   * Lines that are not a mail program's record of mail: other programs in the same stream, a mail
   * program's free text (Exim {@code logwrite}) and its verbose output ({@link SkipReason#isOther()}).
   */
  public long other() {
    long sum = 0;
    for (SkipReason reason : SkipReason.values()) {
      if (reason.isOther()) {
        sum += skippedByReason[reason.ordinal()];
      }
    }
    return sum;
  }

  /**
   * The first line of each shape of free text and verbose output, in input order, at most the
   * configured number.
   */
  public List<OtherLine> otherSamples() {
    return Collections.unmodifiableList(otherSamples);
  }

  /** The notes about input files (at most one per file and kind), in input order. */
  public List<InputNote> notes() {
    List<InputNote> out = new ArrayList<>(notes.size());
    notes.values().forEach(n -> out.add(new InputNote(n.kind, n.lines, n.first, n.excerpt)));
    return out;
  }

  public long problems() {
    return problems;
  }

  public Map<ProblemKind, Long> problemsByKind() {
    return Collections.unmodifiableMap(problemsByKind);
  }

  /** Line counts of other programs in the same syslog stream, by program name. */
  public Map<String, Long> otherPrograms() {
    return Collections.unmodifiableMap(otherPrograms);
  }

  /** The first problems in input order, at most the configured number. */
  public List<LineProblem> samples() {
    return Collections.unmodifiableList(samples);
  }

  public Optional<LineProblem> firstProblem() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(0));
  }

  /**
   * One line for people: "Read 120,431 lines in 2 files: 118,902 events, 1,485 ignored, 0 other,
   * 44 problems (31 UNKNOWN_LINE, 13 TRUNCATED)."
   */
  public String summary() {
    StringBuilder sb = new StringBuilder(160);
    sb.append(String.format(java.util.Locale.ROOT, "Read %s in %s: %s, %,d ignored, %,d other, %s",
        Plural.of(linesRead, "line"), Plural.of(files.size(), "file"), Plural.of(eventsParsed, "event"), ignored(),
        other(), Plural.of(problems, "problem")));
    if (!problemsByKind.isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      problemsByKind.forEach((kind, count) -> {
        if (kinds.length() > 0) {
          kinds.append(", ");
        }
        kinds.append(String.format(java.util.Locale.ROOT, "%,d %s", count, kind));
      });
      sb.append(" (").append(kinds).append(')');
    }
    return sb.append('.').toString();
  }
}
