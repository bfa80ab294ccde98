package dev.clawgate.local;

import dev.clawgate.stubmodel.StubModelOptions;
import dev.clawgate.stubmodel.StubModelServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clawgate stub-model}: an OpenAI-compatible model server on 127.0.0.1 that answers instantly or at a
 * set pace, so any gateway (ours or OpenClaw's) can be tested and measured with model time known.
 */
@Command(name = "stub-model", mixinStandardHelpOptions = true,
    description = "Serve a deterministic OpenAI-compatible stub model on 127.0.0.1 (replies 'echo: <message>').")
final class StubModelCommand implements Callable<Integer> {

  @Option(names = "--port", description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port = 0;

  @Option(names = "--first-token-delay-ms", description = "Wait before the first token. Default: ${DEFAULT-VALUE}.")
  long firstTokenDelayMs = 0;

  @Option(names = "--tokens-per-second", description = "Pace of later tokens; 0 = instant. Default: ${DEFAULT-VALUE}.")
  double tokensPerSecond = 0;

  @Override
  public Integer call() throws InterruptedException {
    StubModelServer server = StubModelServer.start(new StubModelOptions(port, firstTokenDelayMs, tokensPerSecond));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "stub-model-shutdown"));
    // Scripts read the port from this exact line.
    System.out.println("stub model listening on " + server.baseUrl());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
