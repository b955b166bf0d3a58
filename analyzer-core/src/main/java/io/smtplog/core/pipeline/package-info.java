/**
 * The reading pipeline: inputs are read as byte chunks on one thread, chunks are parsed in
 * parallel by the format adapters, and results are handed to the caller strictly in input order,
 * so a parallel run gives exactly the result of a sequential one.
 */
package io.smtplog.core.pipeline;
