package io.smtplog.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The parts of {@code smtplog}'s usage that annotations cannot hold, added to the command model of
 * the top-level command: its exit status list, made from {@link ExitCodes#ALL} so that the numbers
 * cannot drift, and the environment variables it reads. The usage shows them, and the man page is
 * made from them ({@code ManPageGenerator} renders the exit status list, {@link ManualPages} adds
 * the environment and the SEE ALSO section).
 */
public final class Manual implements IModelTransformer {
  /** The usage section of the environment variables (picocli's section map key). */
  static final String ENVIRONMENT_SECTION = "environment";
  /** The heading of the examples each command shows last (its footer): one heading, one format. */
  public static final String EXAMPLES_HEADING = "Examples:%n";
  static final String ENVIRONMENT_HEADING = "Environment:%n";
  static final String EXIT_STATUS_HEADING = "Exit status:%n";

  /** An environment variable and what smtplog or its launcher (bin/smtplog) does with it. */
  public record Variable(String name, String meaning) {}

  /** The variables read by the launcher (bin/smtplog) and by the code, in the order of a run. */
  public static final List<Variable> ENVIRONMENT = List.of(
      new Variable("SMTPLOG_JAVA_OPTS", "The JVM options bin/smtplog passes to java instead of its own"
          + " (heap, collector, compiler thresholds), e.g. -Xmx2g."),
      new Variable("SMTPLOG_CDS", "off: no start-up archive (the class data that bin/smtplog builds in the"
          + " background of the first run and maps from the next run on)."),
      new Variable("XDG_CACHE_HOME", "Where the start-up archives are kept: $XDG_CACHE_HOME/smtplog, else"
          + " ~/.cache/smtplog."),
      new Variable("SMTPLOG_INDEX", "The index when --index is not given."),
      new Variable("XDG_DATA_HOME", "Without SMTPLOG_INDEX, the index is $XDG_DATA_HOME/smtplog/index, else"
          + " ~/.local/share/smtplog/index."),
      new Variable("COLUMNS", "The width of tables on a terminal (--width rules over it); without it, the"
          + " terminal's width."),
      new Variable("SMTPLOG_NO_PROGRESS", "Set to anything: no progress bar on standard error."),
      new Variable(io.smtplog.cli.option.SolrOptions.PASSWORD_VARIABLE, "The password of --solr-user when"
          + " --solr-password-file is not given."),
      new Variable(io.smtplog.cli.option.SolrOptions.TRUSTSTORE_PASSWORD_VARIABLE, "The password of"
          + " --solr-truststore when --solr-truststore-password-file is not given."));

  @Override
  public CommandSpec transform(CommandSpec spec) {
    UsageMessageSpec usage = spec.usageMessage();
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      exitCodes.put(Integer.toString(meaning.code()), meaning.text());
    }
    usage.exitCodeListHeading(EXIT_STATUS_HEADING).exitCodeList(exitCodes);

    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST) + 1, ENVIRONMENT_SECTION);
    usage.sectionKeys(keys);
    usage.sectionMap().put(ENVIRONMENT_SECTION, help -> help.createHeading(ENVIRONMENT_HEADING)
        + help.createTextTable(environment()).toString());
    return spec;
  }

  /** The variables by name, for a two-column table. */
  static Map<String, String> environment() {
    Map<String, String> variables = new LinkedHashMap<>();
    for (Variable variable : ENVIRONMENT) {
      variables.put(variable.name(), variable.meaning());
    }
    return variables;
  }
}
