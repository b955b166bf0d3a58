package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TlsEstablished;
import java.time.Instant;
import java.util.Optional;

/**
 * The TLS summary record (postfix-log-format reference, section 3, TLS; tls/tls_misc.c
 * tls_log_summary()): "TRUST TLS connection established|reused from|to H[A][:PORT][ to SNI]: PROTO
 * with cipher CIPHER (USED/ALG bits)[ key-exchange ...]". Stateless.
 */
final class PostfixTlsParser {
  private static final String[] TRUST = {"Anonymous", "Untrusted", "Trusted", "Verified"};
  private static final String TLS = " TLS connection ";
  private static final String WITH_CIPHER = " with cipher ";

  private PostfixTlsParser() {}

  /** The trust word when a TLS summary starts at {@code from}, else null. */
  static String trustAt(String line, int from) {
    for (String trust : TRUST) {
      if (line.startsWith(trust, from) && line.startsWith(TLS, from + trust.length())) {
        int verb = from + trust.length() + TLS.length();
        if (line.startsWith("established ", verb) || line.startsWith("reused ", verb)) {
          return trust;
        }
      }
    }
    return null;
  }

  static LineResult parse(String line, int from, String trust, Instant at, SourceRef source, ProcessRef process) {
    int verb = from + trust.length() + TLS.length();
    boolean reused = line.startsWith("reused ", verb);
    int direction = verb + (reused ? "reused ".length() : "established ".length());
    Role role;
    if (line.startsWith("from ", direction)) {
      role = Role.SERVER;
    } else if (line.startsWith("to ", direction)) {
      role = Role.CLIENT;
    } else {
      return LineResult.malformed(source, ProblemKind.BAD_FIELD, "TLS record without 'from' or 'to'", line);
    }
    int peerStart = line.indexOf(' ', direction) + 1;
    // The peer ends at ": " (after "]" or "]:25"), or at " to SNI" on a server with SNI.
    int colon = line.indexOf(": ", peerStart);
    int end = colon < 0 ? line.length() : colon;
    int sni = line.indexOf(" to ", peerStart);
    String peerText = line.substring(peerStart, sni > 0 && sni < end ? sni : end);
    Optional<Peer> peer = Peer.parse(peerText);
    if (peer.isEmpty()) {
      return LineResult.malformed(source, ProblemKind.BAD_FIELD, "TLS peer is not host[address]", line);
    }
    String protocol = "";
    String cipher = "";
    if (colon > 0) {
      int p = colon + 2;
      int with = line.indexOf(WITH_CIPHER, p);
      if (with > p) {
        protocol = line.substring(p, with);
        int c = with + WITH_CIPHER.length();
        int space = line.indexOf(' ', c);
        cipher = line.substring(c, space < 0 ? line.length() : space);
      }
    }
    return new LineResult.Parsed(new TlsEstablished(at, source, Mta.POSTFIX, process, role, peer.get(), trust, reused,
        protocol, cipher));
  }
}
