package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerTest {

  @Test
  void loopbackIs127Slash8AndColonColon1InAnySpelling() {
    for (String address : new String[] {"127.0.0.1", "127.255.0.9", "::1", "0:0:0:0:0:0:0:1", "[::1]",
        "::ffff:127.0.0.1"}) {
      assertThat(Peer.direct(address).loopback()).as(address).isTrue();
    }
  }

  @Test
  void otherAddressesAndNamesAreNotLoopback() {
    for (String address : new String[] {"10.0.0.1", "128.0.0.1", "::2", "192.168.1.20", "localhost", "", "unknown",
        "fe80::1%eth0"}) {
      assertThat(Peer.direct(address).loopback()).as(address).isFalse();
    }
  }

  @Test
  void onlyADirectNonBrowserLoopbackConnectionIsLocal() {
    assertThat(Peer.direct("127.0.0.1").local()).isTrue();
    assertThat(new Peer("127.0.0.1", "http://127.0.0.1:18789", false).local()).isFalse();
    assertThat(new Peer("127.0.0.1", null, true).local()).isFalse();
    assertThat(Peer.direct("203.0.113.1").local()).isFalse();
  }
}
