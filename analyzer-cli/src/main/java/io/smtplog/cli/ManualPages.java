package io.smtplog.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Completes the AsciiDoc man pages that picocli's {@code ManPageGenerator} wrote from the command
 * model (at {@code package}, before Asciidoctor makes them man pages): it renders the sections it has
 * no place for, ENVIRONMENT ({@link Manual#ENVIRONMENT}, on the smtplog page) and SEE ALSO (the
 * pages of the command's parents and subcommands), and drops the colon that ends a usage heading
 * ("Exit status:", "Examples:") from the section titles. Each page is found by its command's
 * qualified name, as the generator names it; a page missing is an error (the build fails).
 */
public final class ManualPages {
  /** Where the generator's page ends: the sections are added before it. */
  static final String PAGE_END = "// end::picocli-generated-full-manpage[]";
  private static final Pattern HEADING_COLON = Pattern.compile("(?m)^(== .*?):$");

  private ManualPages() {}

  /** {@code args[0]}: the folder of the generated AsciiDoc pages. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManualPages ADOC_DIR");
    }
    CommandLine root = new CommandLine(new AnalyzerCli());
    for (CommandSpec spec : pages(root.getCommandSpec())) {
      Path page = Path.of(args[0], spec.qualifiedName("-") + ".adoc");
      Files.writeString(page, complete(Files.readString(page, StandardCharsets.UTF_8), spec), StandardCharsets.UTF_8);
    }
  }

  /** The command and its subcommands that have a page: all but the hidden ones, depth first. */
  static List<CommandSpec> pages(CommandSpec spec) {
    List<CommandSpec> pages = new ArrayList<>();
    if (!spec.usageMessage().hidden()) {
      pages.add(spec);
      spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
          .forEach(sub -> pages.addAll(pages(sub)));
    }
    return pages;
  }

  /** The generated page {@code adoc} of {@code spec} with its headings cleaned and the sections added. */
  static String complete(String adoc, CommandSpec spec) {
    int end = adoc.lastIndexOf(PAGE_END);
    if (end < 0) {
      throw new IllegalStateException(spec.qualifiedName("-") + ".adoc: no '" + PAGE_END + "' line");
    }
    StringWriter sections = new StringWriter();
    PrintWriter out = new PrintWriter(sections);
    if (spec.parent() == null) {
      out.printf("== Environment%n");
      for (Manual.Variable variable : Manual.ENVIRONMENT) {
        out.printf("%n*%s*::%n  %s%n", variable.name(), variable.meaning());
      }
      out.println();
    }
    out.printf("== See also%n%n%s%n%n", String.join(", ", seeAlso(spec)));
    out.flush();
    String body = HEADING_COLON.matcher(adoc.substring(0, end)).replaceAll("$1");
    return body + sections + adoc.substring(end);
  }

  /** The pages a reader goes on to: smtplog(1), the parent's, and the subcommands'. */
  static List<String> seeAlso(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    CommandSpec root = spec;
    while (root.parent() != null) {
      root = root.parent();
    }
    if (root != spec) {
      names.add(reference(root));
    }
    if (spec.parent() != null && spec.parent() != root) {
      names.add(reference(spec.parent()));
    }
    for (CommandSpec sub : pages(spec)) {
      if (sub != spec) {
        names.add(reference(sub));
      }
    }
    return names;
  }

  /** A man page reference as man pages write it: the name in bold, the section after it. */
  private static String reference(CommandSpec spec) {
    return "*" + spec.qualifiedName("-") + "*(1)";
  }
}
