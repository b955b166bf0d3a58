/**
 * The syslog envelope shared by Postfix and Exim (when Exim logs through syslog): timestamp
 * templates, host, tag and pid. Format adapters parse only what follows the envelope.
 */
package io.smtplog.core.ingest.syslog;
