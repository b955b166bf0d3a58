package io.smtplog.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.cli.AnalyzerCli;
import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 3: a full disk or an exhausted heap during an ingest is told as such, with what
 * the index still holds, never as "a bug". The exceptions are Lucene's own: a writer whose directory
 * fails after some bytes, as a full disk does, is closed by Lucene, and what follows is an
 * {@link AlreadyClosedException} with the disk's error inside.
 */
class IngestFailureTest {
  private static final String LOG = Path.of(System.getProperty("sampleLogs.dir", "../sample-logs"))
      .resolve("postfix/content-filter.log").toAbsolutePath().normalize().toString();

  /** A directory whose files fail, as on a full disk, once {@code budget} bytes were written in all. */
  private static final class FillingDirectory extends FilterDirectory {
    private long budget;

    FillingDirectory(Directory in, long budget) {
      super(in);
      this.budget = budget;
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
      IndexOutput out = super.createOutput(name, context);
      return new IndexOutput(out.toString(), name) {
        private void spend(long bytes) throws IOException {
          budget -= bytes;
          if (budget < 0) {
            throw new IOException("No space left on device");
          }
        }

        @Override
        public void writeByte(byte b) throws IOException {
          spend(1);
          out.writeByte(b);
        }

        @Override
        public void writeBytes(byte[] b, int offset, int length) throws IOException {
          spend(length);
          out.writeBytes(b, offset, length);
        }

        @Override
        public long getFilePointer() {
          return out.getFilePointer();
        }

        @Override
        public long getChecksum() throws IOException {
          return out.getChecksum();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }
  }

  /** What Lucene throws at the next call once a full disk closed the writer. */
  private static AlreadyClosedException writerClosedByAFullDisk() throws IOException {
    IndexWriter writer = new IndexWriter(new FillingDirectory(new ByteBuffersDirectory(), 4_000),
        new IndexWriterConfig());
    Document doc = new Document();
    doc.add(new TextField("text", "status=sent (250 2.0.0 Ok: queued as 4BX1)", Field.Store.NO));
    doc.add(new StoredField("line", "x".repeat(500)));
    assertThatThrownBy(() -> {
      for (int i = 0; i < 100; i++) {
        writer.addDocument(doc);
      }
      writer.commit();
    }).isInstanceOf(IOException.class).hasMessage("No space left on device");
    try {
      writer.addDocument(doc);
    } catch (AlreadyClosedException e) {
      return e;
    }
    throw new AssertionError("Lucene kept the writer open after the disk filled up");
  }

  private static Path indexOfOneLog(Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AnalyzerCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("ingest", "--index",
        dir.toString(), LOG);
    assertThat(code).as(err.toString()).isZero();
    return dir;
  }

  @Test
  void diskFull_isTheCause_withWhatTheIndexStillHolds(@TempDir Path dir) throws IOException {
    AlreadyClosedException closed = writerClosedByAFullDisk();
    assertThat(closed.getCause()).hasMessage("No space left on device");
    indexOfOneLog(dir);
    UserError error = IngestFailure.describe(dir, closed).orElseThrow();
    assertThat(error.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(error.getMessage()).isEqualTo("no space left on device at " + dir + "; the index at " + dir
        + " still holds what was committed before: 575 lines; free some space and run the same ingest again: it goes"
        + " on from there");
  }

  @Test
  void outOfMemory_saysHowToRaiseTheHeap(@TempDir Path dir) {
    indexOfOneLog(dir);
    // Lucene's writer, once it ran out of memory, answers with its "tragedy" as the cause.
    AlreadyClosedException closed = new AlreadyClosedException("this IndexWriter is closed",
        new OutOfMemoryError("Java heap space"));
    UserError error = IngestFailure.describe(dir, closed).orElseThrow();
    assertThat(error.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
    assertThat(error.getMessage()).startsWith("out of memory (the heap is ")
        .contains(" MB); raise the heap, e.g. SMTPLOG_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx2g\" ./smtplog ...; ")
        .endsWith("the index at " + dir + " still holds what was committed before: 575 lines");
  }

  @Test
  void beforeAnyCommit_saysNothingWasCommitted(@TempDir Path dir) throws IOException {
    UserError error = IngestFailure.describe(dir, writerClosedByAFullDisk()).orElseThrow();
    assertThat(error.getMessage()).contains("; nothing was committed to the index at " + dir + " before;");
  }

  @Test
  void anUnrelatedDefect_isLeftToTheBugReport(@TempDir Path dir) {
    assertThat(IngestFailure.describe(dir, new IllegalStateException("a defect"))).isEmpty();
    assertThat(IngestFailure.describe(dir, new AlreadyClosedException("closed"))).isEmpty();
  }
}
