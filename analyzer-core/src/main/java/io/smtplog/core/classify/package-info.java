/**
 * Classifies SMTP replies: class and category from the digits (RFC 5321 section 4.2.1), the
 * specific meaning of each code in the context of the command it answered, the forward-path of
 * 251/551 replies, and the enhanced status code's names from the IANA registry (RFC 3463, RFC 5248).
 * The catalogs are resources: {@code reply-codes_en.properties}, {@code reply-codes_tr.properties}
 * and {@code enhanced-status-codes.csv}.
 */
package io.smtplog.core.classify;
