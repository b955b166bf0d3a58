package io.smtplog.core.model;

import java.time.Instant;

/**
 * One physical line of an SMTP reply as a transcript showed it (Postfix debug_peer
 * "&lt; host[ip]:port: 250-PIPELINING"). {@code continued} is true for "250-" lines: more lines of the
 * same reply follow (RFC 5321 section 4.2.1). {@code text} excludes the code and separator.
 */
public record ReplyLine(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Peer peer, Role role,
    ReplyCode code, boolean continued, String text)
    implements MailEvent {}
