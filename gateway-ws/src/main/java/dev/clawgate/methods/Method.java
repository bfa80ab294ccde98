package dev.clawgate.methods;

import dev.clawgate.protocol.schema.ParamsSchema;
import java.util.Optional;

/**
 * A protocol method: its name, the scope a caller needs, the schema of its params (absent for a method whose
 * params are not typed yet: any object is passed through) and its handler.
 */
public record Method(String name, String scope, Optional<ParamsSchema<?>> params, Handler handler) {

  /** The params record, or empty when the params are not typed. */
  public Optional<Class<?>> paramsType() {
    return params.map(ParamsSchema::type);
  }

  /** Answers a call; throwing {@link dev.clawgate.protocol.GatewayException} answers with its error. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws Exception;
  }

  /**
   * Answers a call whose params were validated against the schema of {@code P} and bound to it before the
   * handler runs; a violation has already been answered with {@code INVALID_PARAMS}.
   */
  @FunctionalInterface
  public interface TypedHandler<P> {
    void handle(Call call, P params) throws Exception;
  }
}
