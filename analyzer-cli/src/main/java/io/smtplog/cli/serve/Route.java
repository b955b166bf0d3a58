package io.smtplog.cli.serve;

import java.io.IOException;

/** One path of the server: a GET (or HEAD) request in, a reply out. */
@FunctionalInterface
interface Route {
  WebReply answer(WebRequest request) throws IOException;
}
