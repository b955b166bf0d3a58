/**
 * The transcript adapter: raw SMTP dialogues in each notation the smtp-transcripts reference lists
 * (RFC 5321 appendix D "C:"/"S:", RFC 821 arrows, swaks, Exim debug, Python smtplib, Postfix
 * debug_peer_list notices, bare typed sessions) become command and reply events. The notation is
 * detected from the first lines or forced by the user.
 */
package io.smtplog.core.ingest.transcript;
