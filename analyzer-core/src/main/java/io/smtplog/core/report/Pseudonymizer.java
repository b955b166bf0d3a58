package io.smtplog.core.report;

import io.smtplog.core.model.Peer;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.SmtpDialogue;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces the local part of addresses (and, when asked, their domains) by keyed hashes
 * (HMAC-SHA256 with the user's key, first 10 hex digits): the same address gives the same
 * pseudonym in every section and every run with the same key, and nobody without the key can
 * tell whose it is. Not thread-safe (one Mac).
 */
public final class Pseudonymizer {
  /** Leaves everything as it is. */
  public static final Pseudonymizer NONE = new Pseudonymizer(null, false);

  private final Mac mac;
  private final boolean domains;

  private Pseudonymizer(Mac mac, boolean domains) {
    this.mac = mac;
    this.domains = domains;
  }

  public static Pseudonymizer withKey(String key, boolean domains) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return new Pseudonymizer(mac, domains);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public boolean active() {
    return mac != null;
  }

  /** "alice@example.com" becomes "u3f2a9c01b7@example.com" (or "u...@d....example" with domains). */
  public String address(String address) {
    if (mac == null || address == null || address.isEmpty()) {
      return address;
    }
    int at = address.lastIndexOf('@');
    String local = at < 0 ? address : address.substring(0, at);
    String domain = at < 0 ? "" : address.substring(at + 1);
    String pseudo = "u" + hash(local.toLowerCase(Locale.ROOT));
    return at < 0 ? pseudo : pseudo + "@" + domain(domain);
  }

  /**
   * A domain, hashed when domains are pseudonymised ("d3f2a9c01b7.example"). The rows of no domain
   * ("(none)") and IP addresses (a client without a name: docs/output-safety.md promises that they stay) are
   * kept.
   */
  public String domain(String domain) {
    if (mac == null || !domains || domain == null || domain.isEmpty() || domain.startsWith("(")
        || IP_LIKE.matcher(domain).matches()) {
      return domain;
    }
    return "d" + hash(domain.toLowerCase(Locale.ROOT)) + ".example";
  }

  /**
   * A free text (a reply, a reason, a log line) with every address in it pseudonymised
   * ("user@domain" tokens, with or without angle brackets, a path without a domain such as
   * {@code to=<bob>}, login names) and, with domains, every host or domain name too: names of two
   * or more labels ("220 mx.example.com ESMTP"), and names of any shape where the text says they
   * are hosts ({@code host[ip]}, Exim's {@code H=host (helo)}, {@code helo=<name>}, the argument of
   * HELO and EHLO). IP addresses stay, as docs/output-safety.md promises. Pseudonyms already in the text are
   * kept as they are, so applying it twice changes nothing. Unchanged when no key was given.
   */
  public String text(String text) {
    if (mac == null || text == null || text.isEmpty() || (!domains && text.indexOf('@') < 0
        && text.indexOf('<') < 0 && text.indexOf('=') < 0)) {
      return text;
    }
    // One pattern in both modes: without domains, host names match and stay (domain() keeps them).
    Matcher m = NAMES.matcher(text);
    StringBuilder out = null;
    List<String> locals = null;
    while (m.find()) {
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
        locals = new ArrayList<>(2);
      }
      if (m.group("address") != null) {
        locals.add(m.group("address").substring(0, m.group("address").lastIndexOf('@')));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m)));
    }
    if (out == null) {
      return text;
    }
    m.appendTail(out);
    // A reply that names the address names its local part alone too ("<dave@...> is unavailable:
    // dave's not here").
    return localsAlone(out.toString(), locals);
  }

  /** The pseudonym of what {@link #NAMES} matched, with its context kept. */
  private String replacement(Matcher m) {
    if (m.group("user") != null) {
      String user = m.group("user");
      return m.group("login") + (user.lastIndexOf('@') > 0 ? addressToken(user) : local(user));
    }
    if (m.group("path") != null) {
      return m.group("open") + local(m.group("path"));
    }
    if (m.group("refusedPath") != null) {
      return local(m.group("refusedPath"));
    }
    if (m.group("address") != null) {
      return addressToken(m.group("address"));
    }
    if (m.group("cut") != null) {
      return local(m.group("cut")) + "@";
    }
    if (m.group("bracketHost") != null) {
      return hostName(m.group("bracketHost"));
    }
    if (m.group("eximHost") != null) {
      return m.group("eximOpen") + hostName(m.group("eximHost"));
    }
    if (m.group("eximHelo") != null) {
      return hostName(m.group("eximHelo"));
    }
    if (m.group("heloName") != null) {
      return m.group("heloOpen") + hostName(m.group("heloName"));
    }
    if (m.group("rejectedHelo") != null) {
      return hostName(m.group("rejectedHelo"));
    }
    if (m.group("hello") != null) {
      return hostName(m.group("hello"));
    }
    if (m.group("commandName") != null) {
      return m.group("commandOpen") + hostName(m.group("commandName"));
    }
    return isPseudonymDomain(m.group("name")) ? m.group("name") : domain(m.group("name"));
  }

  /** An address found in a text; a pseudonym already there stays. */
  private String addressToken(String token) {
    int at = token.lastIndexOf('@');
    String local = token.substring(0, at);
    String domain = token.substring(at + 1);
    return local(local) + "@" + (isPseudonymDomain(domain) ? domain : domain(domain));
  }

  /** A local part standing alone ("bob" of {@code to=<bob>}); a pseudonym already there stays. */
  private String local(String local) {
    return PSEUDONYM_LOCAL.matcher(local).matches() ? local : "u" + hash(local.toLowerCase(Locale.ROOT));
  }

  /**
   * A name the text says is a host: hashed like a domain, whatever its shape ("localhost", "mx.x"),
   * except the words that stand where no name is known ("unknown": Postfix's client without a
   * name) and IP addresses (which stay).
   */
  private String hostName(String name) {
    if (name.equalsIgnoreCase("unknown") || IP_LIKE.matcher(name).matches() || isPseudonymDomain(name)) {
      return name;
    }
    return domain(name);
  }

  /**
   * True for "d" + 10 hex digits + ".example": what {@link #domain} makes. ".example" is reserved
   * (RFC 2606, section 2), so no real mail domain has this shape.
   */
  private static boolean isPseudonymDomain(String name) {
    return PSEUDONYM_DOMAIN.matcher(name).matches();
  }

  /**
   * As {@link #text(String)}, and the local parts of {@code known} addresses (the recipient and
   * sender of the record the text comes from) wherever they stand alone: local(8) writes
   * {@code unknown user: "bob"}, without the domain.
   */
  public String text(String text, String... known) {
    String out = text(text);
    if (mac == null || out == null) {
      return out;
    }
    List<String> locals = new ArrayList<>(known.length);
    for (String address : known) {
      if (address != null) {
        int at = address.lastIndexOf('@');
        locals.add(at < 0 ? address : address.substring(0, at));
      }
    }
    return localsAlone(out, locals);
  }

  /** {@code text} with each of {@code locals} (of two characters or more) replaced where it stands alone. */
  private String localsAlone(String text, List<String> locals) {
    String out = text;
    for (String local : locals) {
      if (local.length() >= 2 && !PSEUDONYM_LOCAL.matcher(local).matches()) {
        Matcher m = Pattern.compile("(?<![\\w.+-])" + Pattern.quote(local) + "(?![\\w+-]|@)",
            Pattern.CASE_INSENSITIVE).matcher(out);
        out = m.replaceAll(Matcher.quoteReplacement("u" + hash(local.toLowerCase(Locale.ROOT))));
      }
    }
    return out;
  }

  /**
   * A log line (an excerpt of a problem or an other line): {@link #text}, and with domains the host
   * name of its syslog header ("Dec  1 19:56:29 mx1 postfix/smtpd[1]: ...", RFC 3164 section 4.1.2;
   * or an RFC 5424-style ISO time), which names the mail server.
   */
  public String logLine(String line) {
    String out = text(line);
    if (mac == null || !domains || out == null) {
      return out;
    }
    Matcher header = SYSLOG_HOST.matcher(out);
    if (!header.lookingAt()) {
      return out;
    }
    return out.substring(0, header.start(1)) + hostName(header.group(1)) + out.substring(header.end(1));
  }

  /**
   * A cell that names a host (see {@link ColumnType#HOST}): "mx1", "mx.example.com" or
   * "mx.example.com[192.0.2.1]:25" by its name whatever its shape; anything else as {@link #text}.
   */
  public String host(String cell) {
    if (mac == null || !domains || cell == null || cell.isEmpty() || cell.startsWith("(")) {
      return cell;
    }
    Matcher m = HOST_CELL.matcher(cell);
    return m.matches() ? hostName(m.group(1)) + cell.substring(m.end(1)) : text(cell);
  }

  /**
   * A session with every name in it pseudonymised: the peer, the client's lines, the reply texts
   * (and so the forward-paths the classifier finds in them). The same key gives the same pseudonyms
   * as in the reports.
   */
  public SmtpDialogue dialogue(SmtpDialogue d) {
    if (mac == null) {
      return d;
    }
    List<DialogueExchange> exchanges = new ArrayList<>(d.exchanges().size());
    for (DialogueExchange e : d.exchanges()) {
      exchanges.add(new DialogueExchange(e.command(), e.line().map(this::text), e.reply().map(this::reply), e.tls(),
          e.dataLines(), e.source()));
    }
    return new SmtpDialogue(d.mta(), d.first(), d.process(), peer(d.peer()), d.role(), d.start(), d.end(), exchanges,
        d.complete(), d.droppedExchanges());
  }

  /** A reply with its text pseudonymised; code, enhanced code and command kept. */
  public SmtpReply reply(SmtpReply reply) {
    return mac == null ? reply : new SmtpReply(reply.code(), reply.enhanced(), text(reply.text()), reply.command());
  }

  /** A host name hashed like a domain (with --pseudonymize-domains); the address kept. */
  public Peer peer(Peer p) {
    if (mac == null || !domains || p.hostname().isEmpty() || p.hostname().equals(p.address())
        || p.hostname().equals("unknown") || p.hostname().startsWith("private/")) {
      return p;
    }
    return new Peer(domain(p.hostname()), p.address(), p.port());
  }

  /** Not the "&lt;address&gt;" that {@link io.smtplog.core.classify.Normalizer} leaves of an address in a reason. */
  private static final String NOT_PLACEHOLDER = "(?!address>)";
  /** Login names: Exim's "set_id=alice", Postfix's "sasl_username=alice" are people too. */
  private static final String LOGIN = "(?<login>\\b(?:set_id|sasl_username)=)(?<user>[^\\s,;()]+)";
  /**
   * A path without a domain (RFC 5321 section 4.1.1.3 allows "RCPT TO:<Postmaster>"; Postfix logs
   * {@code to=<bob>} for local names): the local part alone.
   */
  private static final String PATH = "(?<open>(?:\\b(?:from|to|orig_to)=|(?i:\\b(?:mail from|rcpt to):)\\s{0,3})<)"
      + NOT_PLACEHOLDER + "(?<path>[^<>@\\s\"]+)(?=>)";
  /**
   * An address without a domain that Postfix's smtpd quotes in its refusal: {@code <foo>: Recipient
   * address rejected} (smtpd_check.c: "<%s>: %s rejected").
   */
  private static final String REFUSED_PATH = "(?<=<)" + NOT_PLACEHOLDER + "(?<refusedPath>[^<>@\\s\"]+)"
      + "(?=>: (?:Recipient|Sender) address rejected)";
  /** An address; its domain as logs write it, underscores too (postfix-smtpd-check.log: "@4.1.1_dsn"). */
  private static final String ADDRESS = "(?<address>[^\\s<>\"'(),;:\\[\\]=]+@[A-Za-z0-9_.-]*[A-Za-z0-9_])";
  /** "bob@" where an excerpt was cut after the at sign: the local part is still a person's. */
  private static final String CUT_ADDRESS = "(?<cut>[^\\s<>\"'(),;:\\[\\]=@]+)@(?=\u2026|$)";
  private static final String NAME = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?";
  /**
   * An IPv4 or IPv6 address in brackets (not a process id: "postfix1[12345]"), or the "[ip]" that
   * {@link io.smtplog.core.classify.Normalizer} leaves of one in a reason.
   */
  private static final String BRACKETED_IP = "\\[(?:ip|\\d{1,3}(?:\\.\\d{1,3}){3}"
      + "|(?:IPv6:)?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)\\]";
  /** Postfix's {@code host[ip]} ({@code unknown[ip]} when the client has no name). */
  private static final String HOST_BRACKET = "(?<![\\w.@/-])(?<bracketHost>" + NAME + ")(?=" + BRACKETED_IP + ")";
  /** Exim's {@code H=host}, {@code H=(helo)} (exim spec, chapter "Log files": host identification). */
  private static final String EXIM_HOST = "(?<eximOpen>\\bH=\\(?)(?<eximHost>" + NAME + ")(?=[\\s)\\]:;,]|$)";
  /** Exim's HELO name in parentheses after the host name: {@code H=host (helo) [ip]}. */
  private static final String EXIM_HELO = "(?<=\\s\\()(?<eximHelo>" + NAME + ")(?=\\)\\s?\\[)";
  /** Postfix's {@code helo=<name>}. */
  private static final String HELO_ATTRIBUTE = "(?<heloOpen>\\bhelo=<)(?<heloName>" + NAME + ")(?=\\.?>)";
  /** Postfix's reply to a refused HELO name: {@code <name>: Helo command rejected} (smtpd_check.c). */
  private static final String HELO_REJECTED = "(?<=<)(?<rejectedHelo>" + NAME + ")(?=\\.?>: Helo command rejected)";
  /** The HELO name an Exim greeting repeats: {@code 250 host Hello name [ip]}. */
  private static final String HELLO = "(?<=\\bHello )(?<hello>" + NAME + ")(?=\\s\\[)";
  /**
   * A client's HELO, EHLO or LHLO line (RFC 5321 section 4.1.1.1; LHLO: RFC 2033): its argument.
   * In capitals or in lower case as clients send them; "Helo command rejected" is prose.
   */
  private static final String HELO_COMMAND = "(?<commandOpen>^(?:HELO|EHLO|LHLO|helo|ehlo|lhlo)\\s{1,3})"
      + "(?<commandName>" + NAME + ")(?=\\s|$)";
  /** A name of two or more labels ending in letters (not "4.2.1", not "1.4.3"). */
  private static final String DOMAIN_NAME = "(?<name>(?<![\\w.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
      + "[A-Za-z]{2,}(?![\\w-]|\\.[\\w-]))";
  private static final Pattern NAMES = Pattern.compile(String.join("|", LOGIN, PATH, REFUSED_PATH, ADDRESS,
      CUT_ADDRESS, HOST_BRACKET, EXIM_HOST, EXIM_HELO, HELO_ATTRIBUTE, HELO_REJECTED, HELLO, HELO_COMMAND,
      DOMAIN_NAME));
  private static final Pattern SYSLOG_HOST = Pattern.compile("(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d"
      + "|\\d{4}-\\d\\d-\\d\\dT[\\d:.]+(?:Z|[+-]\\d\\d:?\\d\\d)?) (" + NAME + ") ");
  private static final Pattern PSEUDONYM_LOCAL = Pattern.compile("u[0-9a-f]{10}");
  private static final Pattern PSEUDONYM_DOMAIN = Pattern.compile("d[0-9a-f]{10}\\.example");
  private static final Pattern HOST_CELL = Pattern.compile("(" + NAME + ")(?:" + BRACKETED_IP + "(?::\\d+)?)?");
  /** IPv4 and IPv6 literals, which stay. */
  private static final Pattern IP_LIKE = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private String hash(String text) {
    byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 5);
  }
}
