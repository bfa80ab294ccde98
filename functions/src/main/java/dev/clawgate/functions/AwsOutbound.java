package dev.clawgate.functions;

import dev.clawgate.functions.apigw.ManagementApi;
import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.gateway.Outbound;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's {@link Outbound} inside a Lambda invocation: frames go out through the management API.
 * During the handshake frames are held until {@link #flush()}, which the handler calls after storing the new
 * state: a client that reads {@code hello-ok} sends its next request at once, and the Lambda that receives it
 * must already find the connection connected.
 */
final class AwsOutbound implements Outbound {

  private final ManagementApi api;
  private final String endpoint;
  private final ConnectionState state;
  private final boolean holdUntilFlush;
  private final List<String> held = new ArrayList<>();

  AwsOutbound(ManagementApi api, String endpoint, ConnectionState state) {
    this.api = api;
    this.endpoint = endpoint;
    this.state = state;
    this.holdUntilFlush = state.phase() != ConnectionState.Phase.CONNECTED;
  }

  @Override
  public void sendText(String text, Runnable onDone) {
    try {
      synchronized (held) {
        if (holdUntilFlush) {
          held.add(text);
          return;
        }
      }
      api.post(endpoint, state.connId(), text);
    } finally {
      onDone.run();
    }
  }

  /** Sends what was held; a gone connection simply does not get it. */
  void flush() {
    List<String> frames;
    synchronized (held) {
      frames = new ArrayList<>(held);
      held.clear();
    }
    for (String text : frames) {
      if (!api.post(endpoint, state.connId(), text)) {
        return;
      }
    }
  }

  /**
   * How long a refusal's answer has before the close: clients (OpenClaw's CLI among them) read the answer's
   * {@code details.code}, and a close on its heels can be handled first and hide it. As self-hosted.
   */
  static final long REFUSAL_GRACE_MS = 100;

  @Override
  public void close(int code, String reason) {
    // API Gateway closes with its own code; the refusal's answer, sent first, names the cause.
    flush();
    try {
      Thread.sleep(REFUSAL_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.close(endpoint, state.connId());
  }

  @Override
  public String remoteAddress() {
    return state.remoteAddress() == null ? "" : state.remoteAddress();
  }

  @Override
  public String origin() {
    return state.origin();
  }

  @Override
  public boolean proxied() {
    return state.proxied();
  }
}
