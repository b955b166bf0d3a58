package io.smtplog.core.ingest.transcript;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decides the notation of a transcript from its first lines (transcript-formats reference section
 * 8): each line votes for the notation whose signature it carries; a file with "R: " reply lines is
 * RFC 821 style (there "S:" is the client); Exim debug output wins over the "&gt;&gt;&gt; "
 * commentary lines that {@code exim -bh} mixes into it. Bare reply lines only decide when no
 * notation marks any line. Not thread-safe; one per file.
 */
public final class TranscriptDetector {
  private final Map<TranscriptNotation, Integer> votes = new EnumMap<>(TranscriptNotation.class);
  private int rfc821Replies;

  /** Counts one line's vote. */
  public void add(String line) {
    TranscriptNotation n = TranscriptNotation.signatureOf(line);
    if (n == null) {
      return;
    }
    if (n == TranscriptNotation.RFC821) {
      int r = line.indexOf("R: ");
      if (TranscriptLineParser.isReplyLine(line, r + 3)) {
        rfc821Replies++;
      }
      return;
    }
    votes.merge(n, 1, Integer::sum);
  }

  /** Lines that carried a notation's mark (bare reply lines excluded). */
  public int markedLines() {
    int sum = rfc821Replies;
    for (Map.Entry<TranscriptNotation, Integer> e : votes.entrySet()) {
      if (e.getKey() != TranscriptNotation.BARE) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /** Bare reply lines ("250 Ok" at the start of a line). */
  public int bareReplies() {
    return votes.getOrDefault(TranscriptNotation.BARE, 0);
  }

  /** The notation with most votes; {@link TranscriptNotation#BARE} when no line carried a mark. */
  public TranscriptNotation notation() {
    if (rfc821Replies > 0 && votes.containsKey(TranscriptNotation.RFC)) {
      return TranscriptNotation.RFC821;
    }
    if (votes.containsKey(TranscriptNotation.EXIM_DEBUG)) {
      return TranscriptNotation.EXIM_DEBUG; // "exim -bh" mixes ">>> " commentary into its debug output
    }
    TranscriptNotation best = TranscriptNotation.BARE;
    int bestVotes = 0;
    for (Map.Entry<TranscriptNotation, Integer> e : votes.entrySet()) {
      if (e.getKey() != TranscriptNotation.BARE && e.getValue() > bestVotes) {
        best = e.getKey();
        bestVotes = e.getValue();
      }
    }
    return best;
  }
}
