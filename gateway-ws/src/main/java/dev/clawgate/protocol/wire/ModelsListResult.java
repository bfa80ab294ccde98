package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code models.list}: each model the agents use, once, in the order agents are configured. */
@JsonClassDescription("Response to models.list: the models the configured agents use.")
public record ModelsListResult(@NotNull List<Model> models) {

  /** One distinct {@code provider:model}, with the agents that use it. */
  public record Model(
      @NotEmpty @JsonPropertyDescription("the model name without its provider, e.g. gpt-4o") String id,
      @NotEmpty @JsonPropertyDescription("provider:model as configured") String name,
      @NotEmpty @JsonPropertyDescription("the provider; unknown when the configuration names none") String provider,
      @NotNull @JsonPropertyDescription("ids of the agents that use this model") List<String> agents) {}
}
