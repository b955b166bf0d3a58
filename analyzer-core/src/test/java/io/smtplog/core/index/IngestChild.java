package io.smtplog.core.index;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

/** A child process for {@link IndexCrashTest}: ingests one file, committing often, until it is killed. */
public final class IngestChild {
  private IngestChild() {}

  public static void main(String[] args) throws Exception {
    LogIndexer.ingest(Path.of(args[0]), List.of(LogInput.of(Path.of(args[1]))),
        new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 1, 20), bytes -> { }, 1 << 20);
  }
}
