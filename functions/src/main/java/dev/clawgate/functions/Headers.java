package dev.clawgate.functions;

import java.util.Map;

/**
 * Header look-up for API Gateway events. API Gateway passes header names as the client sent them (WebSocket) or
 * lower-cased (HTTP API), and joins repeated headers with commas; a repeated credential header is then no valid
 * token, which is the right answer for it.
 */
final class Headers {

  private Headers() {}

  /** The header {@code name} in any case; null when absent. */
  static String get(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
