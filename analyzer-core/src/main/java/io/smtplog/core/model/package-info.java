/**
 * The event model shared by every input format: reply codes and enhanced status codes as types,
 * SMTP replies, and the sealed {@link io.smtplog.core.model.MailEvent} hierarchy. Every event
 * knows the file and line it came from. This package depends on the JDK only.
 */
package io.smtplog.core.model;
