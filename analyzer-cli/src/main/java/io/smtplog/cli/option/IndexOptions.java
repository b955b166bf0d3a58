package io.smtplog.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the index is: {@code --index DIR}, else $SMTPLOG_INDEX, else $XDG_DATA_HOME/smtplog/index, else ~/.local/share/smtplog/index. */
public final class IndexOptions {
  @Option(names = "--index", paramLabel = "DIR",
      description = "The index. Default: $SMTPLOG_INDEX, else $XDG_DATA_HOME/smtplog/index (~/.local/share/smtplog/index).")
  Path index;

  public Path dir() {
    if (index != null) {
      return index;
    }
    return defaultDir(System.getenv("SMTPLOG_INDEX"), System.getenv("XDG_DATA_HOME"), System.getenv("HOME"),
        System.getProperty("user.home"));
  }

  /**
   * The XDG Base Directory rules: $XDG_DATA_HOME when it is an absolute path (a relative one is to be
   * ignored), else $HOME/.local/share; the JVM's user.home (the password file's) only without $HOME.
   */
  static Path defaultDir(String smtplogIndex, String xdgDataHome, String home, String userHome) {
    if (smtplogIndex != null && !smtplogIndex.isBlank()) {
      return Path.of(smtplogIndex);
    }
    Path data = xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()
        ? Path.of(xdgDataHome)
        : Path.of(home != null && !home.isBlank() ? home : userHome, ".local", "share");
    return data.resolve("smtplog").resolve("index");
  }

  /** True when the user named an index with --index. */
  public boolean given() {
    return index != null;
  }
}
