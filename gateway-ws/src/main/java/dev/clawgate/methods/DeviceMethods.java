package dev.clawgate.methods;

import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.wire.DevicePairDecisionParams;
import dev.clawgate.protocol.wire.DevicePairListParams;
import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    List<Map<String, Object>> pending = new ArrayList<>();
    listing.pending().forEach(r -> pending.add(requestView(r)));
    List<Map<String, Object>> paired = new ArrayList<>();
    listing.paired().forEach(d -> paired.add(deviceView(d)));
    call.reply(Map.of("pending", pending, "paired", paired));
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
    call.reply(Map.of("requestId", requestId, "device", deviceView(device)));
  }

  private void reject(Call call) {
    String requestId = call.params().requiredString("requestId").trim();
    PairingRequest rejected = pairing.reject(requestId).orElseThrow(() -> notFound(requestId));
    call.reply(Map.of("requestId", requestId, "deviceId", rejected.deviceId()));
  }

  /** OpenClaw answers an unknown id with {@code INVALID_REQUEST "unknown requestId"}; the detail code is ours. */
  private static GatewayException notFound(String requestId) {
    return new GatewayException(GatewayError.invalidRequest(ErrorCodes.PAIRING_REQUEST_NOT_FOUND,
        "unknown requestId: " + requestId + " (not pending: never made, expired after "
            + DevicePairing.REQUEST_TTL.toMinutes() + " minutes, or already approved or rejected)"));
  }

  private static Map<String, Object> requestView(PairingRequest r) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("requestId", r.requestId());
    view.put("deviceId", r.deviceId());
    view.put("publicKey", r.publicKey());
    putIfPresent(view, "displayName", r.displayName());
    putIfPresent(view, "platform", r.platform());
    putIfPresent(view, "deviceFamily", r.deviceFamily());
    putIfPresent(view, "clientId", r.clientId());
    putIfPresent(view, "clientMode", r.clientMode());
    view.put("role", r.role());
    view.put("roles", List.of(r.role()));
    view.put("scopes", r.scopes());
    putIfPresent(view, "reason", r.reason());
    putIfPresent(view, "remoteIp", r.remoteIp());
    view.put("isRepair", DevicePairing.SCOPE_UPGRADE.equals(r.reason()));
    view.put("ts", r.ts());
    view.put("expiresAtMs", r.ts() + DevicePairing.REQUEST_TTL.toMillis());
    return view;
  }

  private static Map<String, Object> deviceView(PairedDevice d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("deviceId", d.deviceId());
    view.put("publicKey", d.publicKey());
    putIfPresent(view, "displayName", d.displayName());
    putIfPresent(view, "platform", d.platform());
    putIfPresent(view, "deviceFamily", d.deviceFamily());
    putIfPresent(view, "clientId", d.clientId());
    putIfPresent(view, "clientMode", d.clientMode());
    view.put("role", d.role());
    view.put("roles", List.of(d.role()));
    view.put("scopes", d.scopes());
    putIfPresent(view, "remoteIp", d.remoteIp());
    putIfPresent(view, "approvedVia", d.approvedVia());
    view.put("createdAtMs", d.createdAtMs());
    view.put("approvedAtMs", d.approvedAtMs());
    List<Map<String, Object>> tokens = new ArrayList<>();
    for (DeviceTokenGrant grant : d.tokens().values()) {
      tokens.add(Map.of("role", grant.role(), "scopes", grant.scopes(), "createdAtMs", grant.issuedAtMs()));
    }
    view.put("tokens", tokens);
    return view;
  }

  private static void putIfPresent(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value);
    }
  }
}
