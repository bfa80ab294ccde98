package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunDirectory} must do, written once for all implementations: extend this class and return
 * a fresh, empty directory from {@link #newDirectory()}.
 */
public abstract class RunDirectoryContract {

  protected RunDirectory directory;

  protected abstract RunDirectory newDirectory() throws Exception;

  @BeforeEach
  void createDirectory() throws Exception {
    directory = newDirectory();
  }

  @AfterEach
  void closeDirectory() throws Exception {
    if (directory instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void anUnknownRunHasNoSession() {
    assertThat(directory.sessionOf("run-1")).isEmpty();
  }

  @Test
  void aRememberedRunNamesItsSession() {
    directory.remember("run-1", "agent:main:work");
    directory.remember("run-2", "agent:main:main");

    assertThat(directory.sessionOf("run-1")).contains("agent:main:work");
    assertThat(directory.sessionOf("run-2")).contains("agent:main:main");
  }

  @Test
  void theLatestSubmissionOfARunIdWins() {
    directory.remember("run-1", "agent:main:work");
    directory.remember("run-1", "agent:main:other");

    assertThat(directory.sessionOf("run-1")).contains("agent:main:other");
  }

  @Test
  void runIdsAreTakenExactly() {
    directory.remember("Run-1", "agent:main:work");

    assertThat(directory.sessionOf("run-1")).isEmpty();
    assertThat(directory.sessionOf("Run-1 ")).isEmpty();
  }
}
