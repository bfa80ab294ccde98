package dev.clawgate.gateway;

import dev.clawgate.auth.SharedSecret;
import java.util.List;
import java.util.Objects;

/**
 * Protocol limits and credentials of one gateway, as plain data.
 *
 * @param maxPayload largest frame accepted after the handshake, advertised in {@code hello-ok.policy}
 * @param maxBufferedBytes bound on a connection's unsent outbound bytes; a slower client is closed
 * @param preHandshakeMaxBytes largest frame accepted before {@code connect} succeeded
 * @param allowedOrigins browser origins allowed to open the WebSocket besides the gateway's own
 *     ({@link dev.clawgate.auth.OriginPolicy}); {@code "*"} allows every origin
 */
public record GatewaySettings(
    String version,
    SharedSecret token,
    long tickIntervalMs,
    int maxPayload,
    long maxBufferedBytes,
    int preHandshakeMaxBytes,
    long handshakeTimeoutMs,
    List<String> allowedOrigins) {

  public static final int DEFAULT_MAX_PAYLOAD = 25 * 1024 * 1024;
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 50L * 1024 * 1024;
  public static final int PRE_HANDSHAKE_MAX_BYTES = 64 * 1024;
  public static final long DEFAULT_TICK_INTERVAL_MS = 30_000;
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;

  public GatewaySettings {
    Objects.requireNonNull(token, "a gateway always has a token");
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }

  public static GatewaySettings defaults(String version, SharedSecret token) {
    return new GatewaySettings(version, token, DEFAULT_TICK_INTERVAL_MS, DEFAULT_MAX_PAYLOAD,
        DEFAULT_MAX_BUFFERED_BYTES, PRE_HANDSHAKE_MAX_BYTES, DEFAULT_HANDSHAKE_TIMEOUT_MS, List.of());
  }

  public GatewaySettings withTickIntervalMs(long ms) {
    return new GatewaySettings(version, token, ms, maxPayload, maxBufferedBytes, preHandshakeMaxBytes,
        handshakeTimeoutMs, allowedOrigins);
  }
}
