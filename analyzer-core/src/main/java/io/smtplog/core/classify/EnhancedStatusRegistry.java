package io.smtplog.core.classify;

import io.smtplog.core.model.EnhancedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The IANA "SMTP Enhanced Status Codes" registry (RFC 5248), shipped as
 * {@code enhanced-status-codes.csv}. Entries are class-independent ({@code X.1.1}); an unknown
 * detail falls back to its subject (sub-registry 2), an unknown subject to "Other or Undefined
 * Status" (RFC 3463 section 3). Immutable and thread-safe once loaded.
 */
public final class EnhancedStatusRegistry {
  private static final String RESOURCE = "enhanced-status-codes.csv";
  /** Sub-registry 2, RFC 3463 section 3.1 to 3.8: subject sub-codes. */
  private static final String[] SUBJECTS = {
    "Other or Undefined Status", "Addressing Status", "Mailbox Status", "Mail System Status",
    "Network and Routing Status", "Mail Delivery Protocol Status", "Message Content or Media Status",
    "Security or Policy Status"};

  private final Map<String, String> detailNames;

  private EnhancedStatusRegistry(Map<String, String> detailNames) {
    this.detailNames = Map.copyOf(detailNames);
  }

  /** Loads the shipped registry; throws {@link UncheckedIOException} if the resource is missing. */
  public static EnhancedStatusRegistry load() {
    try (InputStream in = EnhancedStatusRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the classpath");
      }
      Map<String, String> names = new HashMap<>();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord record : format.parse(reader)) {
          String code = record.get("code");
          if (code.startsWith("X.")) {
            names.put(code.substring(2), record.get("sample_text").strip());
          }
        }
      }
      return new EnhancedStatusRegistry(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the enhanced status code registry", e);
    }
  }

  /** Registry names for {@code status}; never throws. */
  public ReplyClassification.EnhancedStatusInfo describe(EnhancedStatus status) {
    String subject = status.subject() < SUBJECTS.length ? SUBJECTS[status.subject()] : SUBJECTS[0];
    String detail = detailNames.get(status.subject() + "." + status.detail());
    if (detail == null) {
      detail = "Unregistered code (" + subject + ")";
    }
    return new ReplyClassification.EnhancedStatusInfo(status, status.statusClass().displayName(), subject, detail);
  }

  /** The registry's sample text for {@code X.subject.detail}, if registered. */
  public Optional<String> detailName(int subject, int detail) {
    return Optional.ofNullable(detailNames.get(subject + "." + detail));
  }

  /** Number of registered detail codes. */
  public int size() {
    return detailNames.size();
  }
}
