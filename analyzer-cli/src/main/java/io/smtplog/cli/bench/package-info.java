/**
 * Benchmark support ({@code smtplog generate}): generators of large, realistic Postfix logs and Exim
 * mainlogs with a chosen number of recipient domains, deferrals retried over hours, bounces,
 * expiries and rejects, deterministic for a seed.
 */
package io.smtplog.cli.bench;
