package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.syslog.YearResolver;
import java.time.ZoneId;

/** A run of whole lines of one input, as raw bytes, with the number of its first line and its line count. */
record Chunk(String file, ZoneId zone, YearResolver years, byte[] data, int length, long firstLine, int lineCount) {}
