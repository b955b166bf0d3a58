package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12: libraries' logging is quiet unless --verbose, and a user's own JUL configuration wins. */
class LibraryLoggingTest {
  private static final String CONFIG_FILE = "java.util.logging.config.file";
  private String savedClass;
  private String savedFile;

  @BeforeEach
  void save() {
    savedClass = System.clearProperty(LibraryLogging.CONFIG_CLASS_PROPERTY);
    savedFile = System.clearProperty(CONFIG_FILE);
  }

  @AfterEach
  void restore() {
    restore(LibraryLogging.CONFIG_CLASS_PROPERTY, savedClass);
    restore(CONFIG_FILE, savedFile);
  }

  @Test
  void theVerboseOptionOfAnyCommand_decidesBeforeTheCommandRuns() {
    String quiet = LibraryLogging.QuietLibraries.class.getName();
    assertThat(CliRun.run("explain", "251").exitCode()).isZero();
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isEqualTo(quiet);
    assertThat(CliRun.run("explain", "--verbose", "251").exitCode()).isZero();
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isNull();
    assertThat(CliRun.run("--verbose", "explain", "251").exitCode()).isZero();
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isNull();
    assertThat(CliRun.run("report", "relay", "--format", "csv", "--", "--verbose").exitCode()).isNotZero();
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).as("--verbose after --").isEqualTo(quiet);
  }

  @Test
  void quiet_namesTheQuietConfigurationForJul_verboseTakesItBack() {
    LibraryLogging.configure(false);
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY))
        .isEqualTo(LibraryLogging.QuietLibraries.class.getName());

    LibraryLogging.configure(true);
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isNull();
  }

  @Test
  void quiet_neverReplacesAConfigurationTheUserGave() {
    System.setProperty(CONFIG_FILE, "/etc/my-logging.properties");
    LibraryLogging.configure(false);
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isNull();

    System.clearProperty(CONFIG_FILE);
    System.setProperty(LibraryLogging.CONFIG_CLASS_PROPERTY, "com.example.MyLogging");
    LibraryLogging.configure(true);
    LibraryLogging.configure(false);
    assertThat(System.getProperty(LibraryLogging.CONFIG_CLASS_PROPERTY)).isEqualTo("com.example.MyLogging");
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
