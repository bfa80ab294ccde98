package dev.clawgate.bench;

import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every scenario of one bench run shares: where to connect and as whom, the agent, a tag that keeps this
 * run's session keys apart from earlier runs', the per-turn timeout, the overall deadline, the executor that
 * starts a session's next turn, and the progress printer.
 */
record BenchContext(URI url, ConnectOptions connect, String agentId, String tag, Duration turnTimeout,
    Deadline deadline, Executor continuations, Progress progress) {

  GatewayClient newClient() throws IOException {
    return GatewayClient.connect(url, connect);
  }

  /** A session key both gateways accept: {@code agent:<agentId>:bench-<tag>-<scenario>-<n>}. */
  String sessionKey(String scenario, int n) {
    return "agent:" + agentId + ":bench-" + tag + "-" + scenario + "-" + n;
  }
}
