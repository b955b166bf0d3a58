/** Benchmark support: a generator of large, realistic Postfix logs ({@code smtplog generate}). */
package io.smtplog.cli.bench;
