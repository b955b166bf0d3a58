/**
 * The local Lucene index: events stored as documents with the fields named in
 * {@link io.smtplog.core.index.IndexFields}, checkpoints that make a second ingest of the same
 * input add nothing, and searches through the query parser. The only package that uses Lucene
 * types; the rest of the core sees events and hits.
 */
package io.smtplog.core.index;
