package io.smtplog.core.report;

import io.smtplog.core.outcome.OutcomeListener;
import java.util.List;

/**
 * Builds sections of a report from the outcome stream, in one pass. Not thread-safe: everything
 * arrives on the correlator's thread.
 */
public interface ReportCollector extends OutcomeListener {
  /** The report's sections, at most {@code top} rows in each ranked list (0 = all kept). */
  List<Section> sections(int top);
}
