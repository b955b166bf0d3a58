package io.smtplog.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * Keeps the libraries' own log records (java.util.logging) off standard error unless {@code --verbose}.
 * Lucene logs at INFO and WARNING which of its implementations it chose on this JDK (the vector
 * module, MemorySegment with madvise): facts about the JVM, not about the logs read, printed amid a
 * command's output. Failures (SEVERE) still show.
 */
public final class LibraryLogging {
  /** LogManager instantiates the class this property names when it starts (LogManager javadoc). */
  static final String CONFIG_CLASS_PROPERTY = "java.util.logging.config.class";
  private static final String CONFIG_FILE_PROPERTY = "java.util.logging.config.file";
  /** LoggerFactory's property naming the provider to use (SLF4J 2.0.9+), and that of its own reports' level. */
  static final String SLF4J_PROVIDER_PROPERTY = "slf4j.provider";
  static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
  /** The JDK's own logging.properties (one console handler, INFO), with Lucene at SEVERE. */
  private static final String QUIET_CONFIGURATION = String.join("\n",
      "handlers=java.util.logging.ConsoleHandler",
      ".level=INFO",
      "org.apache.lucene.level=SEVERE",
      "");

  private LibraryLogging() {}

  /**
   * Quiet unless {@code verbose}. Lazy: java.util.logging reads its configuration once, when a
   * library first logs, so a command that opens no index never starts it; a call after that first
   * record changes nothing. A configuration the user gives ({@code -Djava.util.logging.config.file}
   * or {@code .class}) is never replaced.
   */
  public static void configure(boolean verbose) {
    quietSlf4j();
    String quiet = QuietLibraries.class.getName();
    if (verbose) {
      if (quiet.equals(System.getProperty(CONFIG_CLASS_PROPERTY))) {
        System.clearProperty(CONFIG_CLASS_PROPERTY);
      }
    } else if (System.getProperty(CONFIG_CLASS_PROPERTY) == null && System.getProperty(CONFIG_FILE_PROPERTY) == null) {
      System.setProperty(CONFIG_CLASS_PROPERTY, quiet);
    }
  }

  /**
   * SolrJ (only with --solr) logs through SLF4J, and smtplog ships no SLF4J provider: without one,
   * SLF4J 2 prints "No SLF4J providers were found" on standard error. Its own no-operation provider,
   * named explicitly, and its reports at WARN (else it says at INFO which provider it took); both only
   * when the user set neither. Properties only: nothing of SLF4J is loaded here.
   */
  private static void quietSlf4j() {
    if (System.getProperty(SLF4J_PROVIDER_PROPERTY) == null) {
      System.setProperty(SLF4J_PROVIDER_PROPERTY, "org.slf4j.helpers.NOP_FallbackServiceProvider");
      if (System.getProperty(SLF4J_VERBOSITY_PROPERTY) == null) {
        System.setProperty(SLF4J_VERBOSITY_PROPERTY, "WARN");
      }
    }
  }

  /** Created by LogManager when it starts, through {@link #CONFIG_CLASS_PROPERTY}; reads the quiet levels. */
  public static final class QuietLibraries {
    /** Reads {@link #QUIET_CONFIGURATION} into the LogManager being started. */
    public QuietLibraries() throws IOException {
      LogManager.getLogManager().readConfiguration(
          new ByteArrayInputStream(QUIET_CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
    }
  }
}
