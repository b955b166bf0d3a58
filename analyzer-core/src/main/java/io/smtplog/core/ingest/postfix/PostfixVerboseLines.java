package io.smtplog.core.ingest.postfix;

/**
 * Postfix's verbose output: what {@code msg_info()} prints when {@code msg_verbose} is set, by
 * {@code -v} in master.cf or for the clients and servers of {@code debug_peer_list}
 * (postfix-log-format reference, section 10). None of it is a record of mail; it is counted as
 * {@code other}, with samples. The shapes, from the Postfix source (3.12):
 * <ul>
 *   <li>a function's trace, its name and a colon: "smtpd_check_addr: addr=alice@example.com",
 *       "match_list_match: example.com: no match", "fsspace: .: block size 4096, blocks free 20877879"
 *       (util/fsspace.c), "dict_eval: ..."; also "before input_transp_cleanup: cleanup flags = ..."
 *       (global/input_transp.c);
 *   <li>smtpd_check.c's restriction brackets: "&gt;&gt;&gt; START Recipient address RESTRICTIONS
 *       &lt;&lt;&lt;", "&gt;&gt;&gt; END ... &lt;&lt;&lt;", "&gt;&gt;&gt; CHECKING ... VALIDATION MAPS &lt;&lt;&lt;";
 *   <li>parameter dumps "unknown_address_tempfail_action = defer_if_permit" (smtpd_check.c) and
 *       "cleanup flags = ...";
 *   <li>the attribute exchange with other daemons (util/attr_print*.c, attr_scan*.c): "send attr
 *       request = rewrite", "input attribute name: flags", "private/rewrite socket: wanted
 *       attribute: flags", "cleanup socket: wanted attribute: ...", "rewrite stream disconnect"
 *       (global/clnt_stream.c), "connect to subsystem private/rewrite", "connection established";
 *   <li>cleanup's envelope trace (cleanup/cleanup_envelope.c, cleanup_extracted.c): "initial
 *       envelope S alice@example.com", "extracted envelope E", "open incoming/3B30C20C882";
 *   <li>notes of the smtp client and of the tables: "server features: 0x20100b size 33554432",
 *       "mapping DSN status 4.1.1 into ...", "ignoring DNS RR: ...", "process generation: 7 (7)",
 *       "Compiled against Berkeley DB: 5.3.28", "Run-time linked against Berkeley DB: 5.3.28".
 * </ul>
 * Stateless.
 */
final class PostfixVerboseLines {
  private static final String[] PHRASES = {
    "send attr ", "input attribute ", "private/", "public/", "server features: ", "mapping DSN status ",
    "ignoring DNS RR: ", ">>> START ", ">>> END ", ">>> CHECKING ", "initial envelope ", "extracted envelope ",
    "open incoming/", "open maildrop/", "process generation: ", "connection established", "connection closed",
    "Compiled against ", "Run-time linked against ", "cleanup flags = ", "before ", "after ",
  };

  /**
   * Informational notes that are no record of mail and no verbose trace: tls/tls_certkey.c logs
   * "cannot load Certification Authority data, CAfile=...: disabling TLS support" at info level
   * (before Postfix 3.0: "Certificate Authority").
   */
  private static final String[] NOTES = {
    "cannot load Certificate Authority data", "cannot load Certification Authority data",
    "cannot set default OpenSSL certificate verification paths",
  };

  private PostfixVerboseLines() {}

  /**
   * The shape of the verbose output at {@code from}: its phrase ("&gt;&gt;&gt; START", "send attr")
   * or the tracing function's name ("smtpd_check_addr"); null when the text is no verbose output.
   */
  static String shape(String line, int from) {
    int n = line.length();
    if (from >= n) {
      return null;
    }
    for (String phrase : PHRASES) {
      if (line.startsWith(phrase, from)) {
        if (!phrase.equals("before ") && !phrase.equals("after ")) {
          return phrase.strip();
        }
        // "before NAME: ", "after NAME: " only with a function's name after the word
        int end = identifierThenColon(line, from + phrase.length());
        return end > 0 ? line.substring(from, end) : null;
      }
    }
    int end = identifierEnd(line, from);
    if (end < 0) {
      return null;
    }
    if (line.startsWith(": ", end) || end + 1 == n && line.charAt(end) == ':') {
      return line.substring(from, end); // "function_name: text"
    }
    if (line.startsWith(" = ", end) && line.indexOf('_', from) < end) {
      return line.substring(from, end); // "parameter_name = value"
    }
    int space = end < n && line.charAt(end) == ' ' ? end + 1 : -1;
    // "cleanup socket: wanted attribute: flags", "rewrite stream disconnect"
    if (space > 0 && line.startsWith("socket: ", space)) {
      return "socket";
    }
    return space > 0 && line.startsWith("stream disconnect", space) ? "stream disconnect" : null;
  }

  /** The phrase of an informational note without mail in it at {@code from}, or null. */
  static String note(String line, int from) {
    for (String note : NOTES) {
      if (line.startsWith(note, from)) {
        return note;
      }
    }
    return null;
  }

  /** The end of a C identifier at {@code from} ("smtpd_check_addr", "fsspace", "milter8"), or -1. */
  private static int identifierEnd(String line, int from) {
    int n = line.length();
    char first = line.charAt(from);
    if (first < 'a' || first > 'z') {
      return -1;
    }
    int i = from + 1;
    while (i < n) {
      char c = line.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        break;
      }
      i++;
    }
    return i;
  }

  private static int identifierThenColon(String line, int from) {
    if (from >= line.length()) {
      return -1;
    }
    int end = identifierEnd(line, from);
    return end > 0 && line.startsWith(": ", end) ? end : -1;
  }
}
