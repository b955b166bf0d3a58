package io.smtplog.cli.serve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the routes see it: its path (decoded) and its query parameters (decoded, in order).
 * Only GET and HEAD reach a route.
 */
record WebRequest(String path, Map<String, List<String>> params) {
  WebRequest {
    params = Map.copyOf(params);
  }

  /** The value of a parameter given once; empty when absent; a repeated one is a {@link BadRequest}. */
  Optional<String> param(String name) {
    List<String> values = params.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new BadRequest("the parameter '" + name + "' is given " + values.size() + " times: give it once");
    }
    return values.stream().findFirst();
  }

  /** A request the server refuses with 400 and this message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
