package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRunDirectoryTest extends RunDirectoryContract {

  @Override
  protected RunDirectory newDirectory() {
    return new RecentRunDirectory();
  }

  @Test
  void theLeastRecentlyUsedRunIsForgottenPastTheCapacity() {
    directory.remember("first", "agent:main:a");
    directory.remember("second", "agent:main:b");
    directory.sessionOf("first");
    for (int i = 0; i < RecentRunDirectory.CAPACITY - 1; i++) {
      directory.remember("run-" + i, "agent:main:main");
    }

    assertThat(directory.sessionOf("first")).as("used recently").isPresent();
    assertThat(directory.sessionOf("second")).isEmpty();
  }
}
