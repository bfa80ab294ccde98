package dev.clawgate.client;

import dev.clawgate.auth.DeviceIdentity;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link GatewayClient} introduces itself.
 *
 * @param token the shared gateway token, sent as {@code auth.token}; null for none
 * @param device the device identity to prove (signs the challenge); null to connect without one
 * @param deviceToken a device token the gateway issued to {@code device}, sent as {@code auth.deviceToken}
 */
public record ConnectOptions(
    String token,
    List<String> scopes,
    String clientId,
    String clientMode,
    int minProtocol,
    int maxProtocol,
    Duration timeout,
    DeviceIdentity device,
    String deviceToken) {

  public static ConnectOptions operator(String token) {
    return new ConnectOptions(token, List.of(Scopes.READ, Scopes.WRITE, Scopes.ADMIN), "cli", "cli",
        ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, Duration.ofSeconds(15), null, null);
  }

  public ConnectOptions withScopes(List<String> newScopes) {
    return new ConnectOptions(token, newScopes, clientId, clientMode, minProtocol, maxProtocol, timeout, device,
        deviceToken);
  }

  public ConnectOptions withTimeout(Duration newTimeout) {
    return new ConnectOptions(token, scopes, clientId, clientMode, minProtocol, maxProtocol, newTimeout, device,
        deviceToken);
  }

  public ConnectOptions withProtocolRange(int min, int max) {
    return new ConnectOptions(token, scopes, clientId, clientMode, min, max, timeout, device, deviceToken);
  }

  /** Proves {@code identity} on connect, optionally with the device token it was issued (else null). */
  public ConnectOptions withDevice(DeviceIdentity identity, String issuedDeviceToken) {
    return new ConnectOptions(token, scopes, clientId, clientMode, minProtocol, maxProtocol, timeout, identity,
        issuedDeviceToken);
  }
}
