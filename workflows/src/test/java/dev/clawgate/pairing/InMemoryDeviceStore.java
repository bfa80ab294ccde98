package dev.clawgate.pairing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Test-only, thread-safe in-memory {@link DeviceStore}: the reference the store contract is checked against,
 * and the store of gateway unit tests.
 */
public final class InMemoryDeviceStore implements DeviceStore {

  private final Map<String, PairedDevice> devices = new LinkedHashMap<>();
  private final Map<String, PairingRequest> requests = new LinkedHashMap<>();

  @Override
  public synchronized Optional<PairedDevice> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  @Override
  public synchronized List<PairedDevice> devices() {
    List<PairedDevice> list = new ArrayList<>(devices.values());
    list.sort(Comparator.comparingLong(PairedDevice::approvedAtMs).thenComparing(PairedDevice::deviceId));
    return list;
  }

  @Override
  public synchronized Optional<PairingRequest> request(String requestId) {
    return Optional.ofNullable(requests.get(requestId));
  }

  @Override
  public synchronized List<PairingRequest> requests() {
    List<PairingRequest> list = new ArrayList<>(requests.values());
    list.sort(Comparator.comparingLong(PairingRequest::ts).thenComparing(PairingRequest::requestId));
    return list;
  }

  @Override
  public synchronized void putRequest(PairingRequest request) {
    requests.values().removeIf(r -> r.deviceId().equals(request.deviceId()));
    requests.put(request.requestId(), request);
  }

  @Override
  public synchronized Optional<PairingRequest> removeRequest(String requestId) {
    return Optional.ofNullable(requests.remove(requestId));
  }

  @Override
  public synchronized void putDevice(PairedDevice device) {
    requests.values().removeIf(r -> r.deviceId().equals(device.deviceId()));
    devices.put(device.deviceId(), device);
  }

  @Override
  public synchronized Optional<PairedDevice> updateDevice(String deviceId, UnaryOperator<PairedDevice> change) {
    PairedDevice current = devices.get(deviceId);
    if (current == null) {
      return Optional.empty();
    }
    PairedDevice next = Objects.requireNonNull(change.apply(current), "the changed device");
    devices.put(deviceId, next);
    return Optional.of(next);
  }

  @Override
  public synchronized Optional<PairedDevice> approve(String requestId,
      Function<PairingRequest, PairedDevice> pairing) {
    PairingRequest request = requests.get(requestId);
    if (request == null) {
      return Optional.empty();
    }
    PairedDevice device = Objects.requireNonNull(pairing.apply(request), "the paired device");
    requests.remove(requestId);
    putDevice(device);
    return Optional.of(device);
  }
}
