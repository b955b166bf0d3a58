/**
 * Faster start-up: a class-data sharing archive of the classes smtplog loads, built once per jar and
 * JDK in the background on first use (see the launcher), and the training run that chooses its classes.
 */
package io.smtplog.cli.startup;
