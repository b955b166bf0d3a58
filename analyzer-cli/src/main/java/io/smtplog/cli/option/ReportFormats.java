package io.smtplog.cli.option;

import io.smtplog.core.report.format.ReportFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format} as users type it ("csv", "HTML") and lists the formats for completion. */
public final class ReportFormats implements ITypeConverter<ReportFormat>, Iterable<String> {
  @Override
  public ReportFormat convert(String value) {
    for (ReportFormat format : ReportFormat.values()) {
      if (format.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a format: use " + String.join(", ", this));
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(ReportFormat.values()).map(ReportFormat::id).iterator();
  }
}
