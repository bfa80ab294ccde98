package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects and waits for answers on behalf of the commands, turning each way that can fail (nothing listening,
 * a refused handshake, a closed socket, no answer in time, an {@code ok:false} answer) into one sentence that
 * says what happened and what to do.
 */
public final class GatewayConnector {

  private GatewayConnector() {}

  /** Connects with the given scopes, or explains why not. */
  public static GatewayClient connect(GatewayTarget target, List<String> scopes, Duration timeout)
      throws CliFailure {
    ConnectOptions options = ConnectOptions.operator(target.token()).withScopes(scopes).withTimeout(timeout);
    try {
      return GatewayClient.connect(target.url(), options);
    } catch (GatewayCallException refused) {
      String hint = tokenHint(refused.detailCode());
      throw new CliFailure("the gateway at " + target.url() + " refused the connection: " + describe(refused.error())
          + (hint == null ? "" : "\n" + hint));
    } catch (IOException e) {
      throw new CliFailure(connectFailure(target, e));
    }
  }

  /** Waits for a request's answer; an {@code ok:false} answer becomes {@link RequestFailed}. */
  public static JsonNode await(CompletableFuture<JsonNode> answer, String method, Duration timeout)
      throws CliFailure {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new CliFailure("no answer to " + method + " within " + seconds(timeout) + " (raise it with --timeout)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while waiting for " + method);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GatewayCallException) {
        throw new RequestFailed(method, (GatewayCallException) e.getCause());
      }
      throw new CliFailure("lost the gateway while waiting for " + method + ": " + e.getCause().getMessage());
    }
  }

  /** The sentence for a connection that did not open or did not complete its handshake. */
  public static String connectFailure(GatewayTarget target, IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "cannot connect to " + target.url() + ": is the gateway running? (./clawgate gateway)";
      }
    }
    return "cannot connect to " + target.url() + ": " + e.getMessage();
  }

  /** {@code CODE (DETAIL_CODE): message}, the way an error object is shown to people. */
  public static String describe(JsonNode error) {
    String code = error.path("code").asText("ERROR");
    String detail = error.path("details").path("code").asText("");
    String message = error.path("message").asText("");
    return code + (detail.isEmpty() ? "" : " (" + detail + ")") + (message.isEmpty() ? "" : ": " + message);
  }

  private static String tokenHint(String detailCode) {
    if ("AUTH_TOKEN_MISSING".equals(detailCode) || "AUTH_TOKEN_MISMATCH".equals(detailCode)) {
      return "pass the gateway's token with --token or " + GatewayOptions.TOKEN_ENV
          + " (on the gateway's machine it is in ~/.clawgate/gateway.token)";
    }
    return null;
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
