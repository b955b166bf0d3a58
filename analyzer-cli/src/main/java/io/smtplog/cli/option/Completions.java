package io.smtplog.cli.option;

import io.smtplog.core.classify.Language;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import io.smtplog.core.model.Mta;
import io.smtplog.core.report.Reports;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;

/**
 * The values that shell completion offers for options with a fixed set of them, each read from the
 * one place the value is parsed from (an enum, the index's field table), so the completion cannot
 * offer a value the option refuses. picocli lists them in the generated script ({@code compgen -W});
 * the lists are made only then: building the command model instantiates these classes, nothing more.
 */
public final class Completions {
  private Completions() {}

  /** {@code --mta}: the writers {@link Mta} knows (postfix, exim, transcript). */
  public static final class Mtas implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Mta.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  /** {@code explain --lang}: the languages of the code catalog (en, tr). */
  public static final class Languages implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Language.values()).map(Language::code).iterator();
    }
  }

  /** {@code --input-format}: the input formats, then the transcript notations, by their ids. */
  public static final class InputFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stream.concat(Arrays.stream(InputFormat.values()).map(InputFormat::id),
          Arrays.stream(TranscriptNotation.values()).map(TranscriptNotation::id)).iterator();
    }
  }

  /**
   * {@code --section}: the sections of every report, in the order relay, summary, codes prints them.
   * The option belongs to the reports' shared output options, and picocli's script keeps one list
   * per option label, so {@code report relay --section <TAB>} offers the other reports' names too
   * (a name that is not the report's own is refused, with the report's list).
   */
  public static final class Sections implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stream.of(Reports.RELAY, Reports.SUMMARY, Reports.CODES).flatMap(r -> Reports.sectionNames(r).stream())
          .distinct().iterator();
    }
  }

  /** {@code query --facet}: the fields that can be counted, from the index's field table. */
  public static final class FacetFields implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return IndexFields.countable().iterator();
    }
  }

  /**
   * Keeps a path argument as typed ({@code -}, a trailing slash) while the option or parameter says
   * {@code type = Path.class}: picocli's completion script completes file names for Path-typed
   * arguments only ({@code compgen -f}).
   */
  public static final class AsTyped implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value;
    }
  }
}
