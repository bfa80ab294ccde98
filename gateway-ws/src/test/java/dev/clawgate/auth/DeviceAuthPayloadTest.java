package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceAuthPayloadTest {

  private static DeviceAuthPayload payload(String token, String platform, String deviceFamily) {
    return new DeviceAuthPayload("dev1", "cli", "cli", "operator", List.of("operator.read", "operator.write"),
        1737264000000L, token, "n0nce", platform, deviceFamily);
  }

  @Test
  void v3JoinsElevenFieldsWithPipesAndScopesWithCommas() {
    assertThat(payload("tok", "linux", "Linux").v3())
        .isEqualTo("v3|dev1|cli|cli|operator|operator.read,operator.write|1737264000000|tok|n0nce|linux|linux");
  }

  @Test
  void v2IsTheSameWithoutPlatformAndDeviceFamily() {
    assertThat(payload("tok", "linux", "Linux").v2())
        .isEqualTo("v2|dev1|cli|cli|operator|operator.read,operator.write|1737264000000|tok|n0nce");
  }

  @Test
  void aMissingTokenSignsAsTheEmptyString() {
    assertThat(payload(null, "linux", null).v3())
        .isEqualTo("v3|dev1|cli|cli|operator|operator.read,operator.write|1737264000000||n0nce|linux|");
  }

  @Test
  void platformAndDeviceFamilyAreTrimmedAndLowerCasedAsciiOnly() {
    assertThat(payload("t", "  MacOS 15.2 ", "İPhone").v3()).endsWith("|macos 15.2|İphone");
  }

  @Test
  void noScopesSignAsAnEmptyField() {
    DeviceAuthPayload none = new DeviceAuthPayload("d", "c", "m", "operator", List.of(), 1, "", "n", "", "");
    assertThat(none.v2()).isEqualTo("v2|d|c|m|operator||1||n");
  }
}
