package io.smtplog.core.index;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.outcome.SmtpDialogue;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores events and dialogues in the index as JSON (Jackson, records by their components), so
 * that reports from the index read back the very events a report from the logs would see. The
 * event's kind is its record's simple name ({@code "@type": "DeliveryAttempt"}). Thread-safe.
 */
public final class EventCodec {
  /** Where the type name goes (the model stays free of Jackson annotations). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  private interface Typed {}

  private static final ObjectMapper MAPPER = mapper();
  private static final ObjectWriter EVENT_WRITER = MAPPER.writerFor(MailEvent.class);
  private static final ObjectReader EVENT_READER = MAPPER.readerFor(MailEvent.class);
  private static final ObjectWriter DIALOGUE_WRITER = MAPPER.writerFor(SmtpDialogue.class);
  private static final ObjectReader DIALOGUE_READER = MAPPER.readerFor(SmtpDialogue.class);

  private EventCodec() {}

  private static ObjectMapper mapper() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS) // Peer.isNetworkAddress(), Rejected.isRefusal()
        .addMixIn(MailEvent.class, Typed.class)
        .addModule(new SimpleModule("smtplog-compat").addDeserializer(DelaySplit.class, new DelaySplitReader()))
        .build();
    for (Class<?> kind : MailEvent.class.getPermittedSubclasses()) {
      mapper.registerSubtypes(new NamedType(kind, kind.getSimpleName()));
    }
    return mapper;
  }

  /**
   * Reads a {@link DelaySplit} as stored (an object of four optional durations), and as indexes
   * written before it existed stored it: Postfix's "a/b/c/d" text, split the way the adapter
   * splits it now.
   */
  private static final class DelaySplitReader extends StdDeserializer<DelaySplit> {
    DelaySplitReader() {
      super(DelaySplit.class);
    }

    @Override
    public DelaySplit deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        return DelaySplit.parse(parser.getText());
      }
      JsonNode node = parser.readValueAsTree();
      return new DelaySplit(part(node, "beforeQueueManager"), part(node, "inQueueManager"),
          part(node, "connectionSetup"), part(node, "transmission"));
    }

    private static Optional<Duration> part(JsonNode node, String name) {
      JsonNode value = node == null ? null : node.get(name);
      return value == null || value.isNull() ? Optional.empty() : Optional.of(Duration.parse(value.asText()));
    }
  }

  public static String encode(MailEvent event) {
    try {
      return EVENT_WRITER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /** Reads an event written by {@link #encode(MailEvent)}; throws {@link IllegalStateException} for anything else. */
  public static MailEvent decodeEvent(String json) {
    try {
      return EVENT_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not an event stored by smtplog: " + e.getOriginalMessage(), e);
    }
  }

  public static String encode(SmtpDialogue dialogue) {
    try {
      return DIALOGUE_WRITER.writeValueAsString(dialogue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a dialogue", e);
    }
  }

  public static SmtpDialogue decodeDialogue(String json) {
    try {
      return DIALOGUE_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a session stored by smtplog: " + e.getOriginalMessage(), e);
    }
  }
}
