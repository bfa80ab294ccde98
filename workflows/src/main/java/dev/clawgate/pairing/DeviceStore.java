package dev.clawgate.pairing;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Port: paired devices and pending pairing requests. Each operation is atomic on its own; {@link #approve}
 * is one operation so that a crash can never leave a request consumed without its device paired.
 */
public interface DeviceStore {

  Optional<PairedDevice> device(String deviceId);

  /** Every paired device, oldest approval first. */
  List<PairedDevice> devices();

  Optional<PairingRequest> request(String requestId);

  /** Every pending request, oldest first. */
  List<PairingRequest> requests();

  /** Stores a pending request, replacing any earlier pending request of the same device (one per device). */
  void putRequest(PairingRequest request);

  /** Removes a pending request; the removed request, or empty when there was none with that id. */
  Optional<PairingRequest> removeRequest(String requestId);

  /** Stores a paired device (new or replacing) and drops that device's pending requests, in one step. */
  void putDevice(PairedDevice device);

  /**
   * Replaces a paired device with {@code change} applied to it, atomically.
   *
   * @return the device as stored, or empty when no device has that id (then nothing changes)
   */
  Optional<PairedDevice> updateDevice(String deviceId, UnaryOperator<PairedDevice> change);

  /**
   * Removes the pending request {@code requestId} and stores the device {@code pairing} makes from it (dropping
   * the device's other pending requests), in one step.
   *
   * @return the paired device, or empty when there is no such request (then nothing changes)
   */
  Optional<PairedDevice> approve(String requestId, Function<PairingRequest, PairedDevice> pairing);
}
