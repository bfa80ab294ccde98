package dev.clawgate.infra.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.pairing.DeviceStore;
import dev.clawgate.pairing.DeviceStoreContract;
import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskDeviceStoreTest extends DeviceStoreContract {

  @TempDir
  Path folder;

  @Override
  protected DeviceStore newStore() {
    return new DiskDeviceStore(folder);
  }

  @Test
  void aNewStoreOnTheSameFolderSeesDevicesAndRequests() {
    store.putDevice(device(DEVICE, 100));
    store.putRequest(request("r1", OTHER_DEVICE, 200));

    DeviceStore reopened = new DiskDeviceStore(folder);

    assertThat(reopened.devices()).isEqualTo(store.devices());
    assertThat(reopened.requests()).isEqualTo(store.requests());
    assertThat(reopened.approve("r1", r -> device(r.deviceId(), 300))).isPresent();
  }

  @Test
  void theFileHoldsTokenHashesOnlyAndNoTempFileIsLeft() throws IOException {
    store.putDevice(device(DEVICE, 100));
    store.updateDevice(DEVICE, d -> d.withToken(new DeviceTokenGrant("operator", List.of("operator.read"),
        "c".repeat(64), 150)));

    JsonNode file = new ObjectMapper().readTree(folder.resolve("devices.json").toFile());
    JsonNode token = file.get("devices").get(DEVICE).get("tokens").get("operator");
    assertThat(token.get("sha256").asText()).isEqualTo("c".repeat(64));
    assertThat(token.has("token")).isFalse();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("devices.json");
    }
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws IOException {
    store.putDevice(device(DEVICE, 100));

    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("devices.json"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aCorruptFileFailsWithAnErrorNamingTheFile() throws IOException {
    Path file = folder.resolve("devices.json");
    Files.writeString(file, "{\"devices\": {\"x\": {\"deviceId\": ");

    assertThatThrownBy(() -> new DiskDeviceStore(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
  }

  @Test
  void aDeviceWithoutItsKeyIsCorruptToo() throws IOException {
    Files.writeString(folder.resolve("devices.json"), "{\"devices\": {\"x\": {\"deviceId\": \"x\", \"role\": "
        + "\"operator\"}}}");

    assertThatThrownBy(() -> new DiskDeviceStore(folder)).hasMessageContaining("devices.json");
  }

  @Test
  void aFailedUpdateLeavesTheStoredDeviceAlone() {
    PairedDevice device = device(DEVICE, 100);
    store.putDevice(device);

    assertThatThrownBy(() -> store.updateDevice(DEVICE, d -> {
      throw new IllegalArgumentException("boom");
    })).hasMessage("boom");

    assertThat(new DiskDeviceStore(folder).device(DEVICE)).contains(device);
  }
}
