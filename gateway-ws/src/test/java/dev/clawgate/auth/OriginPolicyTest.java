package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

  private static final int PORT = 18789;

  @Test
  void theGatewaysOwnLoopbackOriginsAreAllowedByDefault() {
    OriginPolicy policy = new OriginPolicy(List.of(), "127.0.0.1");

    assertThat(policy.allows("http://127.0.0.1:18789", PORT)).isTrue();
    assertThat(policy.allows("http://localhost:18789", PORT)).isTrue();
    assertThat(policy.allows("http://LOCALHOST:18789/", PORT)).isTrue();
    assertThat(policy.allows("http://[::1]:18789", PORT)).isTrue();
  }

  @Test
  void anyOtherOriginIsRefusedByDefault() {
    OriginPolicy policy = new OriginPolicy(List.of(), "127.0.0.1");

    assertThat(policy.allows("https://evil.example", PORT)).isFalse();
    assertThat(policy.allows("http://localhost:3000", PORT)).isFalse();
    assertThat(policy.allows("https://127.0.0.1:18789", PORT)).isFalse();
    assertThat(policy.allows("http://127.0.0.1.evil.example:18789", PORT)).isFalse();
  }

  @Test
  void nullAndGarbageOriginsAreRefused() {
    OriginPolicy policy = new OriginPolicy(List.of(), "127.0.0.1");

    for (String origin : new String[] {"null", "", "file://", "chrome-extension://abc", "http://", "::::"}) {
      assertThat(policy.allows(origin, PORT)).as(origin).isFalse();
    }
  }

  @Test
  void configuredOriginsAreAllowedWithDefaultPortsAndCaseNormalised() {
    OriginPolicy policy = new OriginPolicy(List.of("https://Control.Example.com", "http://lan-box:8080"),
        "127.0.0.1");

    assertThat(policy.allows("https://control.example.com", PORT)).isTrue();
    assertThat(policy.allows("https://control.example.com:443", PORT)).isTrue();
    assertThat(policy.allows("http://lan-box:8080", PORT)).isTrue();
    assertThat(policy.allows("http://control.example.com", PORT)).isFalse();
    assertThat(policy.allows("http://lan-box:8081", PORT)).isFalse();
  }

  @Test
  void aSpecificBindAddressIsOneOfTheOwnOriginsAndAWildcardIsNot() {
    assertThat(new OriginPolicy(List.of(), "192.168.1.5").allows("http://192.168.1.5:18789", PORT)).isTrue();
    assertThat(new OriginPolicy(List.of(), "0.0.0.0").allows("http://0.0.0.0:18789", PORT)).isFalse();
  }

  @Test
  void starAllowsEveryOrigin() {
    OriginPolicy policy = new OriginPolicy(List.of("*"), "127.0.0.1");

    assertThat(policy.allows("https://evil.example", PORT)).isTrue();
    assertThat(policy.allows("null", PORT)).isTrue();
  }

  @Test
  void aConfiguredValueThatIsNotAnOriginIsRefusedNamingIt() {
    assertThatThrownBy(() -> new OriginPolicy(List.of("https://ok.example", "example.com/path"), "127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.com/path");
    assertThat(OriginPolicy.normalize("https://ok.example/app")).isEmpty();
    assertThat(OriginPolicy.normalize("https://user@ok.example")).isEmpty();
  }

  @Test
  void theListedOnlyCheckIgnoresTheLoopbackOriginsAndAnEmptyListRefusesAll() {
    OriginPolicy listed = new OriginPolicy(List.of("https://control.example.com"), null);
    assertThat(listed.allowsListed("https://control.example.com:443")).isTrue();
    assertThat(listed.allowsListed("http://127.0.0.1:18789")).isFalse();
    assertThat(listed.allowsListed("https://other.example")).isFalse();
    assertThat(new OriginPolicy(List.of(), null).allowsListed("https://control.example.com")).isFalse();
  }
}
