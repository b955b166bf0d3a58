package io.smtplog.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's parameters, whitelisted: each known one maps to one option of the command it runs, as
 * {@code --name=value} (so a value starting with a dash is never read as an option). No parameter
 * ever names a file: the commands read the served index only.
 */
final class Params {
  /** Every route takes it (the access token, checked before the route). */
  static final String TOKEN = "token";

  private final WebRequest request;
  private final List<String> args = new ArrayList<>();

  private Params(WebRequest request, Set<String> allowed) {
    this.request = request;
    for (String name : request.params().keySet()) {
      if (!name.equals(TOKEN) && !allowed.contains(name)) {
        throw new WebRequest.BadRequest("unknown parameter '" + cut(name) + "' for " + request.path()
            + (allowed.isEmpty() ? ": it takes none" : ": it takes " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  /** Starts the arguments of a route that takes the parameters {@code allowed}. */
  static Params of(WebRequest request, Set<String> allowed, String... command) {
    Params p = new Params(request, allowed);
    p.args.addAll(List.of(command));
    return p;
  }

  /** {@code --option=value} when the parameter is given (and not blank). */
  Params option(String param, String option) {
    request.param(param).filter(v -> !v.isBlank()).ifPresent(v -> args.add(option + "=" + v));
    return this;
  }

  /** {@code --option=N}: the parameter, a whole number 1..max, or {@code otherwise} when absent. */
  Params number(String param, String option, int otherwise, int max) {
    String value = request.param(param).filter(v -> !v.isBlank()).orElse(Integer.toString(otherwise));
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > max) {
      throw new WebRequest.BadRequest(param + " must be a whole number from 1 to " + max + ", was '" + cut(value) + "'");
    }
    args.add(option + "=" + n);
    return this;
  }

  /** The parameter's value, which must be one of {@code values}; {@code otherwise} when absent. */
  String oneOf(String param, List<String> values, String otherwise) {
    String value = request.param(param).filter(v -> !v.isBlank()).orElse(otherwise);
    if (!values.contains(value)) {
      throw new WebRequest.BadRequest(param + " must be one of " + String.join(", ", values) + ", was '" + cut(value) + "'");
    }
    return value;
  }

  /** {@code --} and then the parameter as the command's last argument (required when {@code otherwise} is null). */
  Params last(String param, String otherwise) {
    String value = request.param(param).filter(v -> !v.isBlank()).orElse(otherwise);
    if (value == null) {
      throw new WebRequest.BadRequest("the parameter '" + param + "' is required for " + request.path());
    }
    args.add("--");
    args.add(value);
    return this;
  }

  Params add(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  List<String> args() {
    return List.copyOf(args);
  }

  /** A name or value echoed in a message: at most 80 characters of it. */
  private static String cut(String text) {
    return text.length() > 80 ? text.substring(0, 79) + "…" : text;
  }
}
