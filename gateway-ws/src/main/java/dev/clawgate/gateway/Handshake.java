package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.CloseCodes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.ProtocolVersion;
import dev.clawgate.protocol.schema.ParamsSchema;
import dev.clawgate.protocol.wire.ConnectChallenge;
import dev.clawgate.protocol.wire.ConnectParams;
import dev.clawgate.protocol.wire.HelloOk;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code connect} rules of protocol v4: a challenge nonce first; the client's protocol range must contain
 * ours; the shared token must match (compared in constant time). Each refusal names its cause in
 * {@code details.code} and picks the close code clients expect.
 */
final class Handshake {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ParamsSchema<ConnectParams> CONNECT_PARAMS = ParamsSchema.of(ConnectParams.class);

  private final GatewayCore core;
  private final String connId;
  private final String nonce;
  private final long challengeTs;

  Handshake(GatewayCore core, String connId) {
    this.core = core;
    this.connId = connId;
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    this.nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    this.challengeTs = System.currentTimeMillis();
  }

  ConnectChallenge challenge() {
    return new ConnectChallenge(nonce, challengeTs);
  }

  /** The outcome of a connect request: either hello-ok with the granted scopes, or an error and a close code. */
  record Result(HelloOk helloOk, Set<String> scopes, GatewayError error, int closeCode) {
    static Result refused(GatewayError error, int closeCode) {
      return new Result(null, Set.of(), error, closeCode);
    }
  }

  Result accept(JsonNode params, String remoteAddress) {
    try {
      CONNECT_PARAMS.validate(params);
    } catch (GatewayException e) {
      return Result.refused(e.error(), CloseCodes.POLICY_VIOLATION);
    }
    JsonNode min = params.get("minProtocol");
    JsonNode max = params.get("maxProtocol");
    if (min == null || max == null || !min.isIntegralNumber() || !max.isIntegralNumber()) {
      return Result.refused(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS,
          "connect params.minProtocol and params.maxProtocol must be integers"), CloseCodes.POLICY_VIOLATION);
    }
    if (min.asInt() > ProtocolVersion.CURRENT || max.asInt() < ProtocolVersion.CURRENT) {
      return Result.refused(new GatewayError(ErrorCodes.INVALID_REQUEST,
          "protocol mismatch: this gateway speaks protocol " + ProtocolVersion.CURRENT + ", the client asked for "
              + min.asInt() + ".." + max.asInt(),
          Map.of("code", ErrorCodes.PROTOCOL_MISMATCH, "expectedProtocol", ProtocolVersion.CURRENT), null, null),
          CloseCodes.PROTOCOL_ERROR);
    }
    String role = text(params, "role", "operator");
    if (!"operator".equals(role)) {
      return Result.refused(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS,
          "role '" + role + "' is not supported by this gateway (operator only)"), CloseCodes.POLICY_VIOLATION);
    }
    JsonNode auth = params.path("auth");
    String token = auth.path("token").isTextual() ? auth.path("token").asText() : null;
    String password = auth.path("password").isTextual() ? auth.path("password").asText() : null;
    String presented = token != null && !token.isEmpty() ? token : password;
    if (presented == null || presented.isEmpty()) {
      return Result.refused(authError(ErrorCodes.AUTH_TOKEN_MISSING,
          "unauthorized: gateway token missing (set it with --token or OPENCLAW_GATEWAY_TOKEN)"),
          CloseCodes.POLICY_VIOLATION);
    }
    if (!core.settings().token().matches(presented)) {
      return Result.refused(authError(ErrorCodes.AUTH_TOKEN_MISMATCH,
          "unauthorized: gateway token mismatch"), CloseCodes.POLICY_VIOLATION);
    }
    List<String> requested = new ArrayList<>();
    params.path("scopes").forEach(s -> {
      if (s.isTextual()) {
        requested.add(s.asText());
      }
    });
    Set<String> scopes = Scopes.grant(requested);
    return new Result(helloOk(role, scopes), scopes, null, 0);
  }

  private HelloOk helloOk(String role, Set<String> scopes) {
    GatewaySettings settings = core.settings();
    return HelloOk.of(ProtocolVersion.CURRENT,
        new HelloOk.Server(settings.version(), connId),
        new HelloOk.Features(core.methods().names(), GatewayCore.EVENTS),
        core.snapshot(),
        new HelloOk.Auth(role, List.copyOf(scopes), null),
        new HelloOk.Policy(settings.maxPayload(), settings.maxBufferedBytes(), settings.tickIntervalMs()));
  }

  private static GatewayError authError(String detailCode, String message) {
    return new GatewayError(ErrorCodes.INVALID_REQUEST, message, Map.of(
        "code", detailCode,
        "canRetryWithDeviceToken", false,
        "recommendedNextStep", "update_auth_credentials"), null, null);
  }

  private static String text(JsonNode params, String field, String fallback) {
    JsonNode value = params.get(field);
    return value != null && value.isTextual() ? value.asText() : fallback;
  }
}
