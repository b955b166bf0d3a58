package io.smtplog.core.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smtplog.core.outcome.SmtpDialogue;

/**
 * Stores dialogues in the index's session documents as JSON (Jackson, records by their
 * components), so that {@code query --sessions} prints them as {@code smtplog sessions} would.
 * Thread-safe.
 */
public final class DialogueCodec {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(MapperFeature.AUTO_DETECT_IS_GETTERS) // Peer.isNetworkAddress() is no property
      .build();
  private static final ObjectWriter WRITER = MAPPER.writerFor(SmtpDialogue.class);
  private static final ObjectReader READER = MAPPER.readerFor(SmtpDialogue.class);

  private DialogueCodec() {}

  public static String encode(SmtpDialogue dialogue) {
    try {
      return WRITER.writeValueAsString(dialogue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a dialogue", e);
    }
  }

  /** Reads a dialogue written by {@link #encode}; throws {@link IllegalStateException} for anything else. */
  public static SmtpDialogue decode(String json) {
    try {
      return READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a session stored by smtplog: " + e.getOriginalMessage(), e);
    }
  }
}
