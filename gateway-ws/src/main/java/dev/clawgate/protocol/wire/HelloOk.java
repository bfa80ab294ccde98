package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The payload of a successful {@code connect}. Its {@code type} is a one-value enum so it can only ever be
 * {@code "hello-ok"} (and the schema says so with a {@code const}).
 */
@JsonClassDescription("Payload of a successful connect response.")
public record HelloOk(
    @NotNull Type type,
    int protocol,
    @NotNull Server server,
    @NotNull Features features,
    @NotNull Snapshot snapshot,
    @NotNull Auth auth,
    @NotNull Policy policy) {

  /** The fixed discriminator. */
  public enum Type {
    @JsonProperty("hello-ok") HELLO_OK
  }

  public static HelloOk of(int protocol, Server server, Features features, Snapshot snapshot, Auth auth,
      Policy policy) {
    return new HelloOk(Type.HELLO_OK, protocol, server, features, snapshot, auth, policy);
  }

  /** This gateway. */
  public record Server(@NotEmpty String version, @NotEmpty String connId) {}

  /** What works here: exactly the registered methods and the events this gateway emits. */
  public record Features(@NotNull List<String> methods, @NotNull List<String> events) {}

  /** What the connection was granted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Auth(@NotEmpty String role, @NotNull List<String> scopes, String deviceToken) {}

  /** Limits the client must respect and the tick interval it can rely on. */
  public record Policy(int maxPayload, long maxBufferedBytes, long tickIntervalMs) {}
}
