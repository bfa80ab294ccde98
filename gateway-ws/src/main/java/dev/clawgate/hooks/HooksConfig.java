package dev.clawgate.hooks;

import dev.clawgate.auth.SharedSecret;
import java.util.List;

/**
 * How the webhook endpoints behave; built from config ({@code hooks.*}) by the launcher.
 *
 * @param token the hooks token; null disables every {@code /hooks} endpoint (404)
 * @param maxBodyBytes bodies above this are refused (413) before they are read whole
 * @param allowedSessionKeyPrefixes a caller- or template-chosen session key must start with one of these
 * @param ratePerMinute steady requests per minute allowed from one address; {@code burst} above that at once
 */
public record HooksConfig(SharedSecret token, int maxBodyBytes, List<String> allowedSessionKeyPrefixes,
    List<HookMapping> mappings, int ratePerMinute, int burst) {

  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
  public static final List<String> DEFAULT_PREFIXES = List.of("hook:");
  public static final int DEFAULT_RATE_PER_MINUTE = 120;
  public static final int DEFAULT_BURST = 30;

  public HooksConfig {
    allowedSessionKeyPrefixes = allowedSessionKeyPrefixes == null || allowedSessionKeyPrefixes.isEmpty()
        ? DEFAULT_PREFIXES : List.copyOf(allowedSessionKeyPrefixes);
    mappings = mappings == null ? List.of() : List.copyOf(mappings);
    if (maxBodyBytes <= 0 || ratePerMinute <= 0 || burst <= 0) {
      throw new IllegalArgumentException("hooks limits must be positive");
    }
  }

  public static HooksConfig disabled() {
    return new HooksConfig(null, DEFAULT_MAX_BODY_BYTES, null, null, DEFAULT_RATE_PER_MINUTE, DEFAULT_BURST);
  }

  public boolean enabled() {
    return token != null;
  }
}
