package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** The state a client gets with {@code hello-ok}, so it can render without asking first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("hello-ok.snapshot: the state a client needs to render at once.")
public record Snapshot(
    @NotNull List<Map<String, Object>> presence,
    @NotNull @JsonPropertyDescription("the same object the health method answers") Object health,
    @NotNull StateVersion stateVersion,
    long uptimeMs,
    SessionDefaults sessionDefaults) {

  /** Versions of the presence list and the health snapshot; they grow when either changes. */
  public record StateVersion(long presence, long health) {}
}
