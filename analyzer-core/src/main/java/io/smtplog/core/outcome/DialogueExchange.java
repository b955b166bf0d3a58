package io.smtplog.core.outcome;

import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import java.util.Optional;

/**
 * One step of an SMTP dialogue: what the client sent and the reply it got. The greeting has no
 * command line ({@link SmtpCommand#CONNECT}); the end of data is {@link SmtpCommand#DATA_END} with
 * the number of data lines sent; a command the transcript shows without a reply (a pipelined
 * command at a cut, QUIT without 221) has no reply. Credentials are already redacted. Immutable.
 *
 * @param command what the reply answered; empty for a line that is no known command
 * @param line the client's line as shown (redacted), empty for the greeting and the end of data
 * @param tls true when sent after STARTTLS succeeded
 * @param source the line of the reply (of the command, when there is no reply)
 */
public record DialogueExchange(
    Optional<SmtpCommand> command, Optional<String> line, Optional<SmtpReply> reply, boolean tls, int dataLines,
    SourceRef source) {}
