package io.smtplog.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A command line of an SMTP dialogue as a transcript showed it (Postfix debug_peer
 * "&gt; host[ip]:port: RCPT TO:&lt;x&gt;"). AUTH credentials are already redacted in {@code text}.
 *
 * @param role whether the logging process was the server or the client of this dialogue
 * @param command the verb, empty for data lines and AUTH continuations
 */
public record CommandLine(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Peer peer, Role role,
    Optional<SmtpCommand> command, String text)
    implements MailEvent {}
