package io.smtplog.cli;

import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Usage help whose lines break at spaces only. picocli wraps with the JDK's line
 * {@link java.text.BreakIterator}, which also breaks after a full stop, hyphen, colon or slash
 * followed by a letter ({@code example.} / {@code net}, {@code (~/.} / {@code local/share},
 * {@code 2024-} / {@code 06-01}), so a host name or path could be cut in two at the end of a line.
 * The header, description, footer, options and parameters are laid out in {@link WholeWordTable}s.
 */
final class WholeWordHelp extends Help {
  private static final int LIST_INDENT = 2;
  private static final int LIST_SPACING = 3;

  WholeWordHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public Layout createDefaultLayout() {
    Layout layout = super.createDefaultLayout();
    TextTable table = new WholeWordTable(colorScheme(), layout.textTable().columns());
    table.indentWrappedLines = layout.textTable().indentWrappedLines;
    return new Layout(colorScheme(), table, layout.optionRenderer(), layout.parameterRenderer());
  }

  @Override
  public String header(Object... params) {
    return lines(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String description(Object... params) {
    return lines(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String footer(Object... params) {
    return lines(commandSpec().usageMessage().footer(), params);
  }

  /**
   * A two-column list (the exit status and the environment): names in the first column, their
   * meaning wrapped at spaces in the second, as picocli lays it out (two spaces in, three after the
   * longest name).
   */
  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    int longest = 0;
    for (Object key : map.keySet()) {
      longest = Math.max(longest, String.valueOf(key).length());
    }
    Column names = new Column(longest + LIST_INDENT + LIST_SPACING, LIST_INDENT, Column.Overflow.SPAN);
    TextTable table = new WholeWordTable(colorScheme(), names,
        new Column(commandSpec().usageMessage().width() - names.width, 0, Column.Overflow.WRAP));
    map.forEach((key, value) -> table.addRowValues(String.valueOf(key), String.valueOf(value)));
    return table;
  }

  /** As picocli's {@code Help.join}: each text formatted with the parameters, wrapped to the width. */
  private String lines(String[] texts, Object... params) {
    TextTable table = new WholeWordTable(colorScheme(),
        new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String text : texts) {
      table.addRowValues(String.format(text, params));
    }
    return table.toString();
  }
}
