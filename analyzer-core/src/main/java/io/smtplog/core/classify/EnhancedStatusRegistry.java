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

  /**
   * One registered code, class-independent ({@code X.1.1}): its sample text, the registry's
   * description, the basic reply codes it lists the code with ("451, 550", or "Not given") and
   * the defining document.
   */
  public record Detail(String name, String description, String basicCodes, String reference) {}

  private final Map<String, String> detailNames;
  private final Map<String, Detail> details;

  private EnhancedStatusRegistry(Map<String, Detail> details) {
    this.details = Map.copyOf(details);
    Map<String, String> names = new HashMap<>();
    details.forEach((code, detail) -> names.put(code, detail.name()));
    this.detailNames = Map.copyOf(names);
  }

  /** Loads the shipped registry; throws {@link UncheckedIOException} if the resource is missing. */
  public static EnhancedStatusRegistry load() {
    try (InputStream in = EnhancedStatusRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the classpath");
      }
      Map<String, Detail> details = new HashMap<>();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord record : format.parse(reader)) {
          String code = record.get("code");
          if (code.startsWith("X.")) {
            details.put(code.substring(2), new Detail(record.get("sample_text").strip(),
                record.get("description").strip(), record.get("associated_basic_codes").strip(),
                record.get("reference").strip()));
          }
        }
      }
      return new EnhancedStatusRegistry(details);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the enhanced status code registry", e);
    }
  }

  /** Registry names for {@code status}; never throws. */
  public ReplyClassification.EnhancedStatusInfo describe(EnhancedStatus status) {
    String subject = subjectName(status.subject());
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

  /** The registry's entry for {@code X.subject.detail}, if registered. */
  public Optional<Detail> detail(int subject, int detail) {
    return Optional.ofNullable(details.get(subject + "." + detail));
  }

  /** The name of sub-registry 2's subject (RFC 3463 section 3.1 to 3.8); "Other or Undefined Status" past 7. */
  public static String subjectName(int subject) {
    return StatusSubject.of(subject).displayName();
  }

  /** Number of registered detail codes. */
  public int size() {
    return detailNames.size();
  }
}
