package dev.clawgate.functions.local;

import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * AWS mode on one machine for the end-to-end stage ({@code .ci/e2e-aws.sh}): {@link AwsStandInStack} in one
 * process, against the Temporal server at {@code TEMPORAL_ADDRESS} (the in-process test server when unset) and
 * the model at {@code OPENAI_BASE_URL}. {@code CLAWGATE_PORT} picks the stand-in's port (0: any free one). The
 * gateway token is read from {@code CLAWGATE_GATEWAY_TOKEN} and never printed. Runs until killed.
 */
public final class AwsStandInMain {

  private AwsStandInMain() {}

  public static void main(String[] args) throws Exception {
    String token = System.getenv("CLAWGATE_GATEWAY_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("set CLAWGATE_GATEWAY_TOKEN");
      System.exit(2);
    }
    String model = System.getenv("OPENAI_BASE_URL");
    if (model == null || model.isBlank()) {
      System.err.println("set OPENAI_BASE_URL to an OpenAI-compatible endpoint (e.g. clawgate stub-model)");
      System.exit(2);
    }
    String port = System.getenv().getOrDefault("CLAWGATE_PORT", "0");
    AwsStandInStack stack = AwsStandInStack.start(System.getenv("TEMPORAL_ADDRESS"), model, Integer.parseInt(port),
        token);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
    // One handshake and health call before saying ready: the first pass through the handlers, DynamoDB Local and
    // the management API loads and compiles a lot, which on a busy machine can outlast a client's 10 s timeout.
    try (GatewayClient warmUp = GatewayClient.connect(URI.create(stack.url()),
        ConnectOptions.operator(token).withTimeout(Duration.ofMinutes(2)))) {
      warmUp.call("health", Map.of()).get(2, TimeUnit.MINUTES);
    }
    System.out.println("aws stand-in listening on " + stack.url());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
