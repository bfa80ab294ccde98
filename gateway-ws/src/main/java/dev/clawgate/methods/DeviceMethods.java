package dev.clawgate.methods;

import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.wire.DevicePairDecisionParams;
import dev.clawgate.protocol.wire.DevicePairApproveResult;
import dev.clawgate.protocol.wire.DevicePairListParams;
import dev.clawgate.protocol.wire.DevicePairListResult;
import dev.clawgate.protocol.wire.DevicePairRejectResult;
import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code device.pair.list}, {@code device.pair.approve} and {@code device.pair.reject}: an operator with
 * {@code operator.pairing} sees who is waiting and decides. Approving cannot hand out more than the approver
 * holds: a device asking for {@code operator.admin} needs an approver with {@code operator.admin}. Token
 * hashes never leave the gateway; the list shows each token's role, scopes and issue time.
 */
public final class DeviceMethods {

  private final DevicePairing pairing;

  DeviceMethods(DevicePairing pairing) {
    this.pairing = pairing;
  }

  void register(MethodRegistry registry) {
    // The handlers read the validated params through Call.params(); the types are for validation and the schema.
    registry.register("device.pair.list", Scopes.PAIRING, DevicePairListParams.class, (call, params) -> list(call));
    registry.register("device.pair.approve", Scopes.PAIRING, DevicePairDecisionParams.class,
        (call, params) -> approve(call));
    registry.register("device.pair.reject", Scopes.PAIRING, DevicePairDecisionParams.class,
        (call, params) -> reject(call));
  }

  private void list(Call call) {
    DevicePairing.Listing listing = pairing.list();
    List<DevicePairListResult.Request> pending = new ArrayList<>();
    listing.pending().forEach(r -> pending.add(requestView(r)));
    List<DevicePairListResult.Device> paired = new ArrayList<>();
    listing.paired().forEach(d -> paired.add(deviceView(d)));
    call.reply(new DevicePairListResult(pending, paired));
  }

  private void approve(Call call) {
    String requestId = call.params().requiredString("requestId").trim();
    PairingRequest request = pairing.pending(requestId).orElseThrow(() -> notFound(requestId));
    Set<String> callerScopes = call.connection().scopes();
    for (String scope : request.scopes()) {
      if (!Scopes.allows(callerScopes, scope)) {
        throw new GatewayException(new GatewayError(ErrorCodes.FORBIDDEN,
            "cannot approve a device for " + scope + " without holding it: missing scope: " + scope,
            Map.of("code", ErrorCodes.MISSING_SCOPE, "missingScope", scope, "requiredScopes", List.of(scope)),
            false, null));
      }
    }
    PairedDevice device = pairing.approve(requestId).orElseThrow(() -> notFound(requestId));
    call.reply(new DevicePairApproveResult(requestId, deviceView(device)));
  }

  private void reject(Call call) {
    String requestId = call.params().requiredString("requestId").trim();
    PairingRequest rejected = pairing.reject(requestId).orElseThrow(() -> notFound(requestId));
    call.reply(new DevicePairRejectResult(requestId, rejected.deviceId()));
  }

  /** OpenClaw answers an unknown id with {@code INVALID_REQUEST "unknown requestId"}; the detail code is ours. */
  private static GatewayException notFound(String requestId) {
    return new GatewayException(GatewayError.invalidRequest(ErrorCodes.PAIRING_REQUEST_NOT_FOUND,
        "unknown requestId: " + requestId + " (not pending: never made, expired after "
            + DevicePairing.REQUEST_TTL.toMinutes() + " minutes, or already approved or rejected)"));
  }

  private static DevicePairListResult.Request requestView(PairingRequest r) {
    return new DevicePairListResult.Request(r.requestId(), r.deviceId(), r.publicKey(), r.displayName(),
        r.platform(), r.deviceFamily(), r.clientId(), r.clientMode(), r.role(), List.of(r.role()), r.scopes(),
        r.reason(), r.remoteIp(), DevicePairing.SCOPE_UPGRADE.equals(r.reason()), r.ts(),
        r.ts() + DevicePairing.REQUEST_TTL.toMillis());
  }

  private static DevicePairListResult.Device deviceView(PairedDevice d) {
    List<DevicePairListResult.Token> tokens = new ArrayList<>();
    for (DeviceTokenGrant grant : d.tokens().values()) {
      tokens.add(new DevicePairListResult.Token(grant.role(), grant.scopes(), grant.issuedAtMs()));
    }
    return new DevicePairListResult.Device(d.deviceId(), d.publicKey(), d.displayName(), d.platform(),
        d.deviceFamily(), d.clientId(), d.clientMode(), d.role(), List.of(d.role()), d.scopes(), d.remoteIp(),
        d.approvedVia(), d.createdAtMs(), d.approvedAtMs(), tokens);
  }
}
