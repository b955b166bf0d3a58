/**
 * {@code smtplog serve}: the index over HTTP on a loopback port by default. The JSON API runs the
 * {@code smtplog} commands in-process (so it answers what the CLI prints with {@code --format json}),
 * {@code /metrics} writes the Prometheus exposition, {@code /} and {@code /static/} the page.
 */
package io.smtplog.cli.serve;
