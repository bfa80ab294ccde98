package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.clawgate.pairing.DeviceStore;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Paired devices and pending pairing requests as one JSON file, {@code <folder>/devices.json}:
 * {@code {"devices": {deviceId: device}, "requests": {requestId: request}}}.
 *
 * <p>Built like {@link DiskSessionStore}: a handful of rows, read on every device connect and written rarely,
 * so the whole state lives in memory as an immutable snapshot and every change rewrites the file atomically
 * ({@link AtomicJsonFile}, owner-readable only) under one lock, disk first. Device tokens are stored as hashes
 * only; see {@link dev.clawgate.pairing.DeviceTokenGrant}.
 */
public final class DiskDeviceStore implements DeviceStore {

  static final String FILE_NAME = "devices.json";

  private static final TypeReference<State> STATE = new TypeReference<>() {};
  private static final Comparator<PairedDevice> OLDEST_APPROVAL_FIRST =
      Comparator.comparingLong(PairedDevice::approvedAtMs).thenComparing(PairedDevice::deviceId);
  private static final Comparator<PairingRequest> OLDEST_FIRST =
      Comparator.comparingLong(PairingRequest::ts).thenComparing(PairingRequest::requestId);

  /** The file's content. Maps sorted by key so the file diffs well. */
  record State(Map<String, PairedDevice> devices, Map<String, PairingRequest> requests) {
    State {
      devices = Collections.unmodifiableMap(new TreeMap<>(devices == null ? Map.of() : devices));
      requests = Collections.unmodifiableMap(new TreeMap<>(requests == null ? Map.of() : requests));
    }
  }

  private final AtomicJsonFile file;
  private final Object writeLock = new Object();
  /** Replaced, never mutated, so readers need no lock. */
  private volatile State state;

  public DiskDeviceStore(Path folder) {
    Objects.requireNonNull(folder, "folder");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the devices folder " + folder, e);
    }
    this.file = new AtomicJsonFile(folder.resolve(FILE_NAME), "devices file");
    this.state = load(file);
  }

  @Override
  public Optional<PairedDevice> device(String deviceId) {
    return Optional.ofNullable(state.devices().get(deviceId));
  }

  @Override
  public List<PairedDevice> devices() {
    return state.devices().values().stream().sorted(OLDEST_APPROVAL_FIRST).toList();
  }

  @Override
  public Optional<PairingRequest> request(String requestId) {
    return Optional.ofNullable(state.requests().get(requestId));
  }

  @Override
  public List<PairingRequest> requests() {
    return state.requests().values().stream().sorted(OLDEST_FIRST).toList();
  }

  @Override
  public void putRequest(PairingRequest request) {
    Objects.requireNonNull(request, "request");
    synchronized (writeLock) {
      Map<String, PairingRequest> requests = withoutRequestsOf(request.deviceId());
      requests.put(request.requestId(), request);
      commit(new State(state.devices(), requests));
    }
  }

  @Override
  public Optional<PairingRequest> removeRequest(String requestId) {
    synchronized (writeLock) {
      PairingRequest removed = state.requests().get(requestId);
      if (removed != null) {
        Map<String, PairingRequest> requests = new TreeMap<>(state.requests());
        requests.remove(requestId);
        commit(new State(state.devices(), requests));
      }
      return Optional.ofNullable(removed);
    }
  }

  @Override
  public void putDevice(PairedDevice device) {
    Objects.requireNonNull(device, "device");
    synchronized (writeLock) {
      commit(withDevice(device));
    }
  }

  @Override
  public Optional<PairedDevice> updateDevice(String deviceId, UnaryOperator<PairedDevice> change) {
    Objects.requireNonNull(change, "change");
    synchronized (writeLock) {
      PairedDevice current = state.devices().get(deviceId);
      if (current == null) {
        return Optional.empty();
      }
      PairedDevice next = Objects.requireNonNull(change.apply(current), "the changed device");
      Map<String, PairedDevice> devices = new TreeMap<>(state.devices());
      devices.put(deviceId, next);
      commit(new State(devices, state.requests()));
      return Optional.of(next);
    }
  }

  @Override
  public Optional<PairedDevice> approve(String requestId, Function<PairingRequest, PairedDevice> pairing) {
    Objects.requireNonNull(pairing, "pairing");
    synchronized (writeLock) {
      PairingRequest request = state.requests().get(requestId);
      if (request == null) {
        return Optional.empty();
      }
      PairedDevice device = Objects.requireNonNull(pairing.apply(request), "the paired device");
      // withDevice drops every pending request of the device, this one included.
      commit(withDevice(device));
      return Optional.of(device);
    }
  }

  private State withDevice(PairedDevice device) {
    Map<String, PairedDevice> devices = new TreeMap<>(state.devices());
    devices.put(device.deviceId(), device);
    return new State(devices, withoutRequestsOf(device.deviceId()));
  }

  private Map<String, PairingRequest> withoutRequestsOf(String deviceId) {
    Map<String, PairingRequest> requests = new TreeMap<>(state.requests());
    requests.values().removeIf(r -> r.deviceId().equals(deviceId));
    return requests;
  }

  /** Disk first: if the write fails, memory still agrees with the file. */
  private void commit(State next) {
    file.write(next);
    state = next;
  }

  private static State load(AtomicJsonFile file) {
    State loaded = file.read(STATE).orElseGet(() -> new State(Map.of(), Map.of()));
    if (loaded.devices().containsValue(null) || loaded.requests().containsValue(null)) {
      throw file.corrupt("an entry is null", null);
    }
    return loaded;
  }
}
