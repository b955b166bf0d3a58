package io.smtplog.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A TLS session set up on an SMTP connection (Postfix tls/tls_misc.c tls_log_summary(): "Verified
 * TLS connection established to mx.example.com[192.0.2.1]:25: TLSv1.3 with cipher
 * TLS_AES_256_GCM_SHA384 (256/256 bits) ...", or "... reused ..." for a cached connection).
 *
 * @param role {@link Role#SERVER} when the logging process accepted the connection ("from",
 *     smtpd), {@link Role#CLIENT} when it made it ("to", smtp/lmtp)
 * @param trust how far the peer's certificate was checked: Anonymous, Untrusted, Trusted, Verified
 * @param reused true for "reused": a cached TLS connection used again, no new handshake
 * @param protocol "TLSv1.3", empty when the record was cut before it
 * @param cipher "TLS_AES_256_GCM_SHA384", empty when the record was cut before it
 */
public record TlsEstablished(
    Instant at, SourceRef source, Mta mta, ProcessRef process, Role role, Peer peer, String trust, boolean reused,
    String protocol, String cipher)
    implements MailEvent {

  public TlsEstablished {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipher, "cipher");
  }
}
