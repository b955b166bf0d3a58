package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import java.util.List;
import java.util.Set;

/**
 * Records that Postfix writes and that carry nothing the event model keeps (yet): TLS set-up
 * steps and failures, statistics, postscreen verdicts, daemon life cycle. Each entry is cited from the reference's
 * section for that daemon. A record that matches none of these and no event shape is a problem.
 */
final class PostfixKnownLines {
  /** Programs that are Postfix's own, for tags whose first part is not "postfix..." (-o syslog_name=mta-in). */
  static final Set<String> PROGRAMS = Set.of("smtpd", "smtp", "lmtp", "local", "virtual", "pipe", "error",
      "retry", "discard", "bounce", "defer", "trace", "cleanup", "qmgr", "nqmgr", "oqmgr", "pickup",
      "postscreen", "dnsblog", "anvil", "master", "tlsproxy", "tlsmgr", "scache", "showq", "flush", "proxymap",
      "proxywrite", "trivial-rewrite", "verify", "postlogd", "postsuper", "postqueue", "postdrop", "sendmail",
      "postfix-script", "postlog", "postmap", "postalias", "postmulti", "postconf", "spawn", "postkick",
      "postcat", "postlock", "postfix", "smtpstone");

  /** Programs whose every info record is administrative (start/stop scripts, postlog(1) text). */
  static final Set<String> ADMIN_PROGRAMS = Set.of("postfix-script", "postlog", "postmulti", "postconf",
      "postmap", "postalias", "postfix");

  /** Record prefixes without a queue id (smtpd.c, smtp_connect.c, tls_misc.c, postscreen/*.c, master.c...). */
  private static final List<String> UNQUEUED = List.of(
      // smtpd session life (smtpd.c); lost connection/timeout/too many errors lack a queue id before 3.10
      "lost connection after ", "timeout after ", "too many errors after ", "improper command pipelining after ",
      "discarding EHLO keywords", "bare <LF> received after ", "bare <CR> received after ", "setting up TLS connection from ", "SSL_accept error from ",
      "SSL_accept:", "TLS SNI ", "sasl_method=", "NOQUEUE: ",
      // TLS failures (tls/tls_misc.c; the summaries are TlsEstablished events, PostfixTlsParser)
      "certificate verification failed for ", "server certificate verification failed for ",
      "client certificate verification failed for ", "SSL_connect error to ", "TLS handshake failed",
      "TLS library problem: ", "tlsmgr", "using backwards-compatible default setting ",
      // smtp client (smtp_connect.c)
      "connect to ", "Host offered STARTTLS", "host ", "enabling PIX workarounds",
      // postscreen / tlsproxy (postscreen_*.c, tlsproxy.c)
      "CONNECT from ", "PASS NEW ", "PASS OLD ", "PASS ", "DNSBL rank ", "PREGREET ", "HANGUP ", "DISCONNECT ",
      "WHITELISTED ", "ALLOWLISTED ", "BLACKLISTED ", "DENYLISTED ", "WHITELIST VETO ", "ALLOWLIST VETO ",
      "COMMAND PIPELINING ", "NON-SMTP COMMAND ", "BARE NEWLINE ", "COMMAND TIME LIMIT ", "COMMAND COUNT LIMIT ",
      "COMMAND LENGTH LIMIT ", "FAIL ", "DROP ", "cache ", "BDAT without valid RCPT ", "DATA without valid RCPT ",
      "NOQUEUE ",
      // anvil, scache, dnsblog, master, qmgr, postsuper, tlsmgr
      "statistics: ", "addr ", "daemon started -- ", "reload -- ", "reload configuration ",
      "terminating on signal ", "daemon waiting for ", "master exit time", "table ", "lookup table ",
      "Deleted: ", "Requeued: ", "Placed on hold: ", "Released from hold: ", "Expired: ",
      "connect from ", "disconnect from ");

  private PostfixKnownLines() {}

  private static final LineResult.Skipped[] UNQUEUED_RESULTS = skips(UNQUEUED);

  /** The skip for a known record without a queue id, or null. */
  static LineResult.Skipped knownUnqueued(String line, int from) {
    return match(UNQUEUED, UNQUEUED_RESULTS, line, from);
  }

  /** Records after "QID: " that carry nothing we keep (smtp_trouble.c, postsuper.c, qmgr). */
  private static final List<String> QUEUED = List.of(
      "host ", "lost connection with ", "conversation with ", "lost connection after ", "timeout after ",
      "too many errors after ", "enabling PIX workarounds", "breaking line ", "requeued", "placed on hold",
      "released from hold", "expired", "skipped, still being delivered", "resent-message-id=", "abort: ",
      "sender address ", "status=deferred (bounce failed)", "held", "Cannot start TLS", "TLS is required",
      "SASL authentication failed", "uid=", "orig_id=", "replace: ", "prepend: ", "strip: ");

  private static final LineResult.Skipped[] QUEUED_RESULTS = skips(QUEUED);

  /** The skip for a known record after a queue id, or null. */
  static LineResult.Skipped knownQueued(String line, int from) {
    return match(QUEUED, QUEUED_RESULTS, line, from);
  }

  /** One shared result per prefix, naming it: the hot path allocates nothing for known records. */
  private static LineResult.Skipped[] skips(List<String> prefixes) {
    LineResult.Skipped[] results = new LineResult.Skipped[prefixes.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = LineResult.known(prefixes.get(i).strip());
    }
    return results;
  }

  private static LineResult.Skipped match(List<String> prefixes, LineResult.Skipped[] results, String line, int from) {
    for (int i = 0; i < results.length; i++) {
      if (line.startsWith(prefixes.get(i), from)) {
        return results[i];
      }
    }
    return null;
  }
}
