package dev.clawgate.local;

import dev.clawgate.temporal.TemporalEndpoint;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal service sessions run on: a real server at {@code TEMPORAL_ADDRESS} (with TLS and an API key or a
 * client certificate when configured, {@link TemporalEndpoint}), or, by default, Temporal's Java test server
 * started in-process on a free loopback port. The embedded one keeps everything in memory,
 * so it is for trying Clawgate out: sessions do not survive a restart, and the log says so.
 */
public final class TemporalConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.temporal");

  private final TestServer.PortBoundTestServer embedded;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  private TemporalConnection(TestServer.PortBoundTestServer embedded, WorkflowServiceStubs stubs, WorkflowClient client,
      String target) {
    this.embedded = embedded;
    this.stubs = stubs;
    this.client = client;
    this.target = target;
  }

  public static TemporalConnection open(Settings settings) {
    TestServer.PortBoundTestServer embedded = null;
    TemporalEndpoint endpoint = settings.temporal();
    if (endpoint == null) {
      int port = freeLoopbackPort();
      // true = time skipping locked: the embedded server runs in real time, like a real one.
      embedded = TestServer.createPortBoundServer(port, true);
      endpoint = TemporalEndpoint.plain("127.0.0.1:" + port, settings.temporalNamespace());
      LOG.warn("Temporal: embedded test server at {} (ephemeral: set TEMPORAL_ADDRESS for durability)",
          endpoint.address());
    } else {
      LOG.info("Temporal: server at {}", endpoint.describe());
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(endpoint.serviceStubsOptions());
    WorkflowClient client = WorkflowClient.newInstance(stubs, endpoint.clientOptions());
    return new TemporalConnection(embedded, stubs, client, endpoint.address());
  }

  public WorkflowClient client() {
    return client;
  }

  public boolean durable() {
    return embedded == null;
  }

  /** Where sessions run, for logs and {@code status}. */
  public String describe() {
    return durable() ? target : "embedded test server at " + target + " (ephemeral)";
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded Temporal server", e);
    }
  }

  @Override
  public void close() {
    stubs.shutdown();
    if (embedded != null) {
      embedded.close();
    }
  }
}
