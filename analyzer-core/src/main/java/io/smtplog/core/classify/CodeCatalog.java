package io.smtplog.core.classify;

import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The reply-code catalog: for every code of RFC 5321 and its extensions a stable tag, a meaning and
 * the explain texts, in each {@link Language}; plus meanings that depend on the command answered
 * ({@code 551} after BDAT, {@code 250} after ETRN). Loaded from {@code reply-codes_LANG.properties}.
 * Immutable and thread-safe.
 */
public final class CodeCatalog {
  /**
   * The catalog's texts for one code. {@code answers} names what the reply answers (commands,
   * "greeting", "DATA-end" for the final dot, "any"); {@code use} says when a server sends it;
   * {@code next} and {@code check} what the client does next and what the operator checks (the
   * class's texts where the code has none of its own).
   */
  public record Entry(ReplyCode code, String tag, String meaning, String description, String seen, String fix,
      List<String> answers, String use, String next, String check) {
    public Entry {
      answers = List.copyOf(answers);
    }
  }

  private final Map<Language, Properties> texts;
  private final SortedSet<ReplyCode> codes;

  private CodeCatalog(Map<Language, Properties> texts) {
    this.texts = texts;
    SortedSet<ReplyCode> found = new TreeSet<>();
    for (String key : texts.get(Language.EN).stringPropertyNames()) {
      if (key.endsWith(".tag") && key.indexOf('.') == 3) {
        found.add(ReplyCode.of(Integer.parseInt(key.substring(0, 3))));
      }
    }
    this.codes = java.util.Collections.unmodifiableSortedSet(found);
  }

  /** Loads the shipped catalog; throws {@link UncheckedIOException} if a resource is missing. */
  public static CodeCatalog load() {
    Map<Language, Properties> texts = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      String resource = "reply-codes_" + language.code() + ".properties";
      try (InputStream in = CodeCatalog.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("resource " + resource + " is missing from the classpath");
        }
        Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        texts.put(language, properties);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the reply code catalog", e);
      }
    }
    return new CodeCatalog(texts);
  }

  /** Every code that has an entry, in order. */
  public SortedSet<ReplyCode> codes() {
    return codes;
  }

  /** The entry for {@code code} in {@code language}, ignoring context; empty for unlisted codes. */
  public Optional<Entry> entry(ReplyCode code, Language language) {
    String prefix = code.value() + ".";
    String tag = texts.get(Language.EN).getProperty(prefix + "tag");
    if (tag == null) {
      return Optional.empty();
    }
    Properties p = texts.get(language);
    String answers = texts.get(Language.EN).getProperty(prefix + "answers", "");
    String classPrefix = "class." + code.value() / 100 + ".";
    return Optional.of(new Entry(code, tag, text(p, prefix + "meaning"), text(p, prefix + "description"),
        text(p, prefix + "seen"), text(p, prefix + "fix"),
        answers.isEmpty() ? List.of() : List.of(answers.split(",\\s*")), text(p, prefix + "use"),
        orElse(p, prefix + "next", classPrefix + "next"), orElse(p, prefix + "check", classPrefix + "check")));
  }

  /** A text of the catalog that belongs to no code ({@code class.5.gloss}), in {@code language}; "" if absent. */
  public String phrase(String key, Language language) {
    return text(texts.get(language), key);
  }

  /** Tag of {@code code} when it answered {@code command}: the context entry, else the code's own. */
  public Optional<String> tag(ReplyCode code, Optional<SmtpCommand> command) {
    return lookup(code, command, "tag", Language.EN);
  }

  /** Meaning of {@code code} when it answered {@code command}, in {@code language}. */
  public Optional<String> meaning(ReplyCode code, Optional<SmtpCommand> command, Language language) {
    return lookup(code, command, "meaning", language);
  }

  private Optional<String> lookup(ReplyCode code, Optional<SmtpCommand> command, String field, Language language) {
    Properties p = texts.get(language);
    if (command.isPresent()) {
      String contextual = p.getProperty(code.value() + "." + command.get().name() + "." + field);
      if (contextual != null) {
        return Optional.of(contextual);
      }
    }
    return Optional.ofNullable(p.getProperty(code.value() + "." + field));
  }

  private String text(Properties p, String key) {
    String value = p.getProperty(key);
    return value != null ? value : texts.get(Language.EN).getProperty(key, "");
  }

  private String orElse(Properties p, String key, String fallbackKey) {
    String own = text(p, key);
    return own.isEmpty() ? text(p, fallbackKey) : own;
  }
}
