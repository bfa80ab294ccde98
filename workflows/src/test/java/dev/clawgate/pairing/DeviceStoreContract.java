package dev.clawgate.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceStore} must do, written once for all implementations: extend this class and return
 * a fresh, empty store from {@link #newStore()}.
 */
public abstract class DeviceStoreContract {

  protected static final String DEVICE = "a".repeat(64);
  protected static final String OTHER_DEVICE = "b".repeat(64);

  protected DeviceStore store;

  protected abstract DeviceStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void aNewStoreHasNoDevicesAndNoRequests() {
    assertThat(store.devices()).isEmpty();
    assertThat(store.requests()).isEmpty();
    assertThat(store.device(DEVICE)).isEmpty();
    assertThat(store.request("r1")).isEmpty();
  }

  @Test
  void aPutRequestCanBeReadBackByIdAndIsListed() {
    PairingRequest request = request("r1", DEVICE, 100);

    store.putRequest(request);

    assertThat(store.request("r1")).contains(request);
    assertThat(store.requests()).containsExactly(request);
  }

  @Test
  void aNewRequestOfTheSameDeviceReplacesTheEarlierOne() {
    store.putRequest(request("r1", DEVICE, 100));
    store.putRequest(request("r2", OTHER_DEVICE, 150));

    store.putRequest(request("r3", DEVICE, 200));

    assertThat(store.request("r1")).isEmpty();
    assertThat(store.requests()).extracting(PairingRequest::requestId).containsExactly("r2", "r3");
  }

  @Test
  void requestsAreListedOldestFirst() {
    store.putRequest(request("late", DEVICE, 300));
    store.putRequest(request("early", OTHER_DEVICE, 100));

    assertThat(store.requests()).extracting(PairingRequest::requestId).containsExactly("early", "late");
  }

  @Test
  void removeRequestReturnsTheRemovedRequestOnce() {
    PairingRequest request = request("r1", DEVICE, 100);
    store.putRequest(request);

    assertThat(store.removeRequest("r1")).contains(request);
    assertThat(store.removeRequest("r1")).isEmpty();
    assertThat(store.requests()).isEmpty();
  }

  @Test
  void putDeviceStoresTheDeviceAndDropsItsPendingRequests() {
    store.putRequest(request("r1", DEVICE, 100));
    store.putRequest(request("r2", OTHER_DEVICE, 100));
    PairedDevice device = device(DEVICE, 200);

    store.putDevice(device);

    assertThat(store.device(DEVICE)).contains(device);
    assertThat(store.requests()).extracting(PairingRequest::requestId).containsExactly("r2");
  }

  @Test
  void devicesAreListedOldestApprovalFirst() {
    store.putDevice(device(DEVICE, 500));
    store.putDevice(device(OTHER_DEVICE, 100));

    assertThat(store.devices()).extracting(PairedDevice::deviceId).containsExactly(OTHER_DEVICE, DEVICE);
  }

  @Test
  void approveConsumesTheRequestAndPairsTheDeviceMadeFromIt() {
    store.putRequest(request("r1", DEVICE, 100));

    PairedDevice paired = store.approve("r1", r -> device(r.deviceId(), 200)).orElseThrow();

    assertThat(paired.deviceId()).isEqualTo(DEVICE);
    assertThat(store.device(DEVICE)).contains(paired);
    assertThat(store.request("r1")).isEmpty();
    assertThat(store.approve("r1", r -> device(r.deviceId(), 300))).isEmpty();
  }

  @Test
  void approveOfAnUnknownRequestChangesNothing() {
    store.putRequest(request("r1", DEVICE, 100));

    assertThat(store.approve("nope", r -> device(r.deviceId(), 200))).isEmpty();

    assertThat(store.devices()).isEmpty();
    assertThat(store.requests()).hasSize(1);
  }

  @Test
  void aFailingApprovalLeavesTheRequestPending() {
    store.putRequest(request("r1", DEVICE, 100));

    assertThatThrownBy(() -> store.approve("r1", r -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(store.request("r1")).isPresent();
    assertThat(store.devices()).isEmpty();
  }

  @Test
  void updateDeviceAppliesTheChangeToTheStoredDevice() {
    store.putDevice(device(DEVICE, 100));
    DeviceTokenGrant grant = new DeviceTokenGrant("operator", List.of("operator.read"), "f".repeat(64), 150);

    PairedDevice updated = store.updateDevice(DEVICE, d -> d.withToken(grant)).orElseThrow();

    assertThat(updated.tokens()).containsExactly(Map.entry("operator", grant));
    assertThat(store.device(DEVICE)).contains(updated);
  }

  @Test
  void updateOfAnUnknownDeviceIsEmptyAndStoresNothing() {
    assertThat(store.updateDevice(DEVICE, d -> d)).isEmpty();
    assertThat(store.devices()).isEmpty();
  }

  @Test
  void concurrentTokenUpdatesOfDifferentDevicesLoseNone() throws Exception {
    int threads = 8;
    int perThread = 10;
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String id = String.format("%064x", t);
      ids.add(id);
      store.putDevice(device(id, t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (String id : ids) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 1; i <= perThread; i++) {
            long issuedAt = i;
            store.updateDevice(id, d -> d.withToken(
                new DeviceTokenGrant("operator", List.of(), "0".repeat(64), issuedAt)));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.devices()).hasSize(threads)
        .allSatisfy(d -> assertThat(d.tokens().get("operator").issuedAtMs()).isEqualTo(perThread));
  }

  protected static PairingRequest request(String requestId, String deviceId, long ts) {
    return new PairingRequest(requestId, deviceId, "pk-" + deviceId.substring(0, 4), "Laptop", "linux", "Linux",
        "cli", "cli", "operator", List.of("operator.read", "operator.write"), "not-paired", "203.0.113.7", ts);
  }

  protected static PairedDevice device(String deviceId, long approvedAt) {
    return new PairedDevice(deviceId, "pk-" + deviceId.substring(0, 4), "Laptop", "linux", "Linux", "cli", "cli",
        "operator", List.of("operator.read"), "203.0.113.7", PairedDevice.APPROVED_BY_OPERATOR, approvedAt,
        approvedAt, Map.of());
  }
}
