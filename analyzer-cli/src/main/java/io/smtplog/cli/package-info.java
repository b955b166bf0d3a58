/** The {@code smtplog} command: picocli wiring, exit codes and user-facing error messages. */
package io.smtplog.cli;
