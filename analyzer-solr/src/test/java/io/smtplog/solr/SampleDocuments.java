package io.smtplog.solr;

import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * The index's documents of a sample, built as the local index builds them: the sample read by the
 * pipeline, correlated, and each outcome made a document by {@link IndexDocuments} (every kind:
 * recipients, messages, sessions, dialogues, events). The stored lines are the story's first
 * line's reference in these tests (the local index packs line references, which need its file table).
 */
final class SampleDocuments {
  private SampleDocuments() {}

  static List<Document> of(String sample) throws IOException {
    var log = SampleLogs.path(sample);
    Recorder recorder = new Recorder(true);
    MailCorrelator correlator = new MailCorrelator(recorder);
    new LogPipeline(SampleLogs.options(log, 1)).run(List.of(SampleLogs.input(log)), correlator);
    correlator.finish();
    IndexDocuments documents = new IndexDocuments(ReplyClassifier.standard());
    String file = SampleLogs.relative(log);
    List<Document> out = new ArrayList<>();
    long seq = 0;
    for (RecipientOutcome o : recorder.recipients()) {
      out.add(documents.recipient(o, o.message().session().map(Object::toString), file, seq++, false));
    }
    for (MessageOutcome m : recorder.messages()) {
      out.add(documents.message(m, bytes(m.queueId().value()), Set.of(), file, seq++, false));
    }
    for (ServerSession s : recorder.sessions()) {
      out.add(documents.session(s, bytes(s.first().toString()), seq++, false));
    }
    for (SmtpDialogue d : recorder.dialogues()) {
      out.add(documents.dialogue(d, bytes(d.first().toString()), seq++, false));
    }
    for (Observation o : recorder.observations()) {
      out.add(documents.event(o, Optional.empty(), seq++));
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
