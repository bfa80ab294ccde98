package dev.clawgate.client;

import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.List;

/** How a {@link GatewayClient} introduces itself. */
public record ConnectOptions(
    String token,
    List<String> scopes,
    String clientId,
    String clientMode,
    int minProtocol,
    int maxProtocol,
    Duration timeout) {

  public static ConnectOptions operator(String token) {
    return new ConnectOptions(token, List.of(Scopes.READ, Scopes.WRITE, Scopes.ADMIN), "cli", "cli",
        ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, Duration.ofSeconds(15));
  }

  public ConnectOptions withScopes(List<String> newScopes) {
    return new ConnectOptions(token, newScopes, clientId, clientMode, minProtocol, maxProtocol, timeout);
  }

  public ConnectOptions withTimeout(Duration newTimeout) {
    return new ConnectOptions(token, scopes, clientId, clientMode, minProtocol, maxProtocol, newTimeout);
  }

  public ConnectOptions withProtocolRange(int min, int max) {
    return new ConnectOptions(token, scopes, clientId, clientMode, min, max, timeout);
  }
}
