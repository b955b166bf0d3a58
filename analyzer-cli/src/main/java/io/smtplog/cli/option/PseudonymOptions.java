package io.smtplog.cli.option;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.report.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --pseudonymize and its companions: shared by the reports and {@code smtplog sessions}. */
public final class PseudonymOptions {
  /** Shorter keys can be guessed, and with a key every pseudonym can be reversed by trying addresses. */
  static final int MIN_KEY_LENGTH = 8;

  @Option(names = "--pseudonymize", paramLabel = "KEY",
      description = "Replace local parts of addresses with keyed hashes (HMAC-SHA256 with KEY), the same in every"
          + " section, so the output can be shared.")
  String pseudonymize;

  @Option(names = "--pseudonymize-key-file", paramLabel = "FILE",
      description = "As --pseudonymize, with the key read from FILE (keeps it out of ps and shell history).")
  Path pseudonymizeKeyFile;

  @Option(names = "--pseudonymize-domains", description = "With --pseudonymize: domains and host names too.")
  boolean pseudonymizeDomains;

  /** The pseudonymizer the options ask for (none without --pseudonymize). */
  public Pseudonymizer pseudonymizer() {
    if (pseudonymize != null && pseudonymizeKeyFile != null) {
      throw new UserError(ExitCodes.USAGE, "give --pseudonymize KEY or --pseudonymize-key-file FILE, not both");
    }
    if (pseudonymize == null && pseudonymizeKeyFile == null) {
      if (pseudonymizeDomains) {
        throw new UserError(ExitCodes.USAGE,
            "--pseudonymize-domains needs --pseudonymize KEY (or --pseudonymize-key-file)");
      }
      return Pseudonymizer.NONE;
    }
    String key = pseudonymize;
    if (pseudonymizeKeyFile != null) {
      try {
        key = Files.readString(pseudonymizeKeyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot read the key file " + pseudonymizeKeyFile + ": "
            + e.getMessage(), e);
      }
    }
    if (key.length() < MIN_KEY_LENGTH) {
      throw new UserError(ExitCodes.USAGE, "--pseudonymize needs a key of 8 characters or more (a short key can be"
          + " guessed, and with it every address)");
    }
    return Pseudonymizer.withKey(key, pseudonymizeDomains);
  }
}
