package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code agents.list}; OpenClaw's CLI needs {@code defaultId} and {@code agents[].id}. */
@JsonClassDescription("Response to agents.list.")
public record AgentsListResult(
    @NotEmpty String defaultId,
    @NotEmpty String mainKey,
    @NotEmpty String scope,
    @NotNull List<Agent> agents) {

  /** One configured agent. */
  public record Agent(@NotEmpty String id, String name, String workspace, Model model) {}

  /** The agent's model, as {@code provider:model}. */
  public record Model(String primary) {}
}
