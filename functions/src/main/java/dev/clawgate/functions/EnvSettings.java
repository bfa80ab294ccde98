package dev.clawgate.functions;

import java.util.Map;

/**
 * How the AWS functions and the worker read a setting from their environment: a blank variable counts as unset
 * (CloudFormation passes empty parameters as empty strings), and values are trimmed.
 */
public final class EnvSettings {

  private EnvSettings() {}

  /** The variable's trimmed value; null when unset or blank. */
  public static String optional(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The variable's trimmed value, or {@code fallback} when unset or blank. */
  public static String value(Map<String, String> env, String name, String fallback) {
    String value = optional(env, name);
    return value == null ? fallback : value;
  }
}
