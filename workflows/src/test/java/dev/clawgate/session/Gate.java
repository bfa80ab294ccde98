package dev.clawgate.session;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a test model's call until the test opens it, so a test knows a run is active (and stays active)
 * while it queues, steers or interrupts. Opens by itself after {@link SessionTestKit#TIMEOUT} so a failing
 * test cannot hang the build.
 */
final class Gate {

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  /** Called from the model: announce the call and wait for the test to open the gate. */
  void pass() {
    entered.countDown();
    try {
      if (!opened.await(SessionTestKit.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until a model call is held at the gate. */
  void awaitEntered() {
    try {
      if (!entered.await(SessionTestKit.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("no model call reached the gate within " + SessionTestKit.TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void open() {
    opened.countDown();
  }
}
