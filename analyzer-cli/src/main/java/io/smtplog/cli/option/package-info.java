/** Options shared by several subcommands (picocli mixins): inputs and how to read them, report output. */
package io.smtplog.cli.option;
