/**
 * Reading logs: opening inputs (files, directories, stdin, compressed and rotated sets), turning
 * each line into a {@link io.smtplog.core.ingest.LineResult}, and counting every line that was
 * not an event. Format adapters live in sub-packages, one per format.
 */
package io.smtplog.core.ingest;
