package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.DeviceAuth;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Peer;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.schema.ParamsSchema;
import dev.clawgate.protocol.wire.ConnectChallenge;
import dev.clawgate.protocol.wire.HelloOk;
import dev.clawgate.protocol.ProtocolVersion;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code connect} rules of protocol v4, in the order they apply: a challenge nonce first; the client's
 * protocol range must contain ours; a peer locked out for failed attempts is refused; a device proof, when
 * sent, must verify ({@link DeviceAuth}); the credentials must match ({@link ConnectCredentials}); a device
 * must be paired ({@link DevicePairing}). Each refusal is a {@link ConnectRefused} that names its cause.
 */
final class Handshake {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ParamsSchema<dev.clawgate.protocol.wire.ConnectParams> CONNECT_PARAMS =
      ParamsSchema.of(dev.clawgate.protocol.wire.ConnectParams.class);

  private final GatewayCore core;
  private final String connId;
  private final String nonce;
  private final long challengeTs;

  Handshake(GatewayCore core, String connId) {
    this(core, connId, newNonce(), System.currentTimeMillis());
  }

  /** A handshake whose challenge was sent earlier, by another process (stateless transports keep it stored). */
  Handshake(GatewayCore core, String connId, String nonce, long challengeTs) {
    this.core = core;
    this.connId = connId;
    this.nonce = nonce;
    this.challengeTs = challengeTs;
  }

  static String newNonce() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  ConnectChallenge challenge() {
    return new ConnectChallenge(nonce, challengeTs);
  }

  /**
   * The outcome of a connect request: either hello-ok with the granted scopes, or an error, a close code and
   * a close reason.
   */
  record Result(HelloOk helloOk, Set<String> scopes, GatewayError error, int closeCode,
      String closeReason) {
    static Result refused(ConnectRefused refused) {
      return new Result(null, Set.of(), refused.error(), refused.closeCode(), refused.closeReason());
    }
  }

  Result accept(JsonNode params, Peer peer) {
    try {
      return admit(params, peer);
    } catch (ConnectRefused refused) {
      if (refused.countsAsFailure()) {
        core.rateLimiter().recordFailure(peer);
      }
      return Result.refused(refused);
    }
  }

  private Result admit(JsonNode params, Peer peer) throws ConnectRefused {
    try {
      CONNECT_PARAMS.validate(params);
    } catch (GatewayException e) {
      throw ConnectRefused.invalidParams(e.error());
    }
    JsonNode min = params.get("minProtocol");
    JsonNode max = params.get("maxProtocol");
    if (min == null || max == null || !min.isIntegralNumber() || !max.isIntegralNumber()) {
      throw ConnectRefused.invalidParams("connect params.minProtocol and params.maxProtocol must be integers");
    }
    if (min.asInt() > ProtocolVersion.CURRENT || max.asInt() < ProtocolVersion.CURRENT) {
      throw ConnectRefused.protocolMismatch(min.asInt(), max.asInt());
    }
    ConnectParams connect = ConnectParams.parse(params);
    if (!"operator".equals(connect.role())) {
      throw ConnectRefused.invalidParams("role '" + connect.role() + "' is not supported by this gateway "
          + "(operator only)");
    }
    OptionalLong locked = core.rateLimiter().lockedFor(peer);
    if (locked.isPresent()) {
      throw ConnectRefused.rateLimited(locked.getAsLong());
    }
    if (connect.device() != null) {
      try {
        DeviceAuth.verify(connect.device(), connect.signedClaims(), nonce, System.currentTimeMillis());
      } catch (DeviceAuth.Refused refused) {
        throw ConnectRefused.deviceAuth(refused.failure());
      }
    }
    List<String> scopes = List.copyOf(Scopes.grant(connect.scopes()));
    ConnectCredentials.Method method = new ConnectCredentials(core.settings().token(), core.pairing())
        .check(connect, scopes);
    core.rateLimiter().reset(peer);

    String deviceToken = null;
    if (connect.device() != null) {
      DevicePairing.Admission admission = core.pairing().admit(new DevicePairing.Claim(connect.device().id(),
          connect.devicePublicKey(), connect.displayName(), connect.platform(), connect.deviceFamily(),
          connect.clientId(), connect.clientMode(), connect.role(), scopes, peer.address()), peer.local());
      if (admission instanceof DevicePairing.Pending pending) {
        throw ConnectRefused.pairingRequired(pending);
      }
      // A device that authenticated with its token keeps it; any other gets a fresh one (only hashes are
      // stored, so an earlier token cannot be handed out again).
      if (method != ConnectCredentials.Method.DEVICE_TOKEN) {
        deviceToken = core.pairing().issueToken(connect.device().id(), connect.role(), scopes).orElse(null);
      }
    }
    return new Result(helloOk(connect.role(), scopes, deviceToken), Set.copyOf(scopes), null, 0, null);
  }

  private HelloOk helloOk(String role, List<String> scopes, String deviceToken) {
    GatewaySettings settings = core.settings();
    return HelloOk.of(ProtocolVersion.CURRENT,
        new HelloOk.Server(settings.version(), connId),
        new HelloOk.Features(core.methods().names(), GatewayCore.EVENTS),
        core.snapshot(),
        new HelloOk.Auth(role, List.copyOf(scopes), deviceToken),
        new HelloOk.Policy(settings.maxPayload(), settings.maxBufferedBytes(), settings.tickIntervalMs()));
  }
}
