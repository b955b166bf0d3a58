package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's host name, the default --source of an ingest into Solr: the kernel's (no name
 * lookup, which can hang on a host without DNS), else Java's.
 */
final class HostName {
  /** Linux's host name, as hostname(1) prints it. */
  private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

  private HostName() {}

  static String of() {
    String name = null;
    try {
      if (Files.isReadable(KERNEL)) {
        name = Files.readString(KERNEL, StandardCharsets.UTF_8).strip();
      }
      if (name == null || name.isEmpty()) {
        name = InetAddress.getLocalHost().getHostName();
      }
    } catch (IOException e) {
      name = null;
    }
    if (name == null || name.isEmpty()) {
      throw new UserError(ExitCodes.USAGE, "cannot tell this machine's host name: give --source NAME");
    }
    IngestCommand.checkSource(name);
    return name;
  }
}
