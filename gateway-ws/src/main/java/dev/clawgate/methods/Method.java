package dev.clawgate.methods;

/** A protocol method: its name, the scope a caller needs, and its handler. */
public record Method(String name, String scope, Handler handler) {

  /** Answers a call; throwing {@link dev.clawgate.protocol.GatewayException} answers with its error. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws Exception;
  }
}
