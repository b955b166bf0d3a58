package io.smtplog.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A line of an SMTP transcript that is not itself a command or a reply: what the capturing tool
 * said about the connection (swaks "=== Connected to mx.", telnet "Connection closed by foreign
 * host.", smtplib "connect: ('mx', 25)", Exim debug "SMTP(close)&gt;&gt;"). Session boundaries
 * and the TLS boundary come from these (transcript-formats reference, sections 1, 3, 5, 6, 7).
 */
public record TranscriptNote(Instant at, SourceRef source, Mta mta, ProcessRef process, Kind kind, String text)
    implements MailEvent {

  /** What the note says. */
  public enum Kind {
    /** A connection is being opened ("=== Trying host:25...", "connect: ('host', 25)"). */
    CONNECTING,
    /** The connection is open; a greeting follows. */
    CONNECTED,
    /** TLS is now active on the connection ("=== TLS started with cipher ..."). */
    TLS_STARTED,
    /** The connection was closed. */
    CLOSED,
    /** The tool reported an error ("*** Remote host closed connection unexpectedly."). */
    ERROR,
    /** Anything else the tool printed about the dialogue (timings, certificate dumps...). */
    INFO
  }

  public TranscriptNote {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }
}
