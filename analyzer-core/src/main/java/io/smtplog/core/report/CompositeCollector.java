package io.smtplog.core.report;

import io.smtplog.core.outcome.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Several reports from one pass: every outcome goes to each part; their sections in order. */
public final class CompositeCollector implements ReportCollector {
  private final List<ReportCollector> parts;
  private final boolean dialogues;

  public CompositeCollector(List<ReportCollector> parts) {
    this.parts = List.copyOf(parts);
    this.dialogues = parts.stream().anyMatch(ReportCollector::wantsDialogues);
  }

  @Override
  public void accept(Outcome outcome) {
    for (ReportCollector p : parts) {
      p.accept(outcome);
    }
  }

  @Override
  public boolean wantsDialogues() {
    return dialogues;
  }

  @Override
  public boolean wants(Class<? extends Outcome> kind) {
    return parts.stream().anyMatch(p -> p.wants(kind));
  }

  @Override
  public List<Section> sections(int top) {
    List<Section> out = new ArrayList<>();
    parts.forEach(p -> out.addAll(p.sections(top)));
    return out;
  }
}
