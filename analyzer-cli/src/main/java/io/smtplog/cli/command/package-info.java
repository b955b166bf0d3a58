/** The {@code smtplog} subcommands: each parses options, calls one core service and prints its result. */
package io.smtplog.cli.command;
