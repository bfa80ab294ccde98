package dev.clawgate.agent;

import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Optional;
import java.util.function.Supplier;

/** A test {@link ModelProvider}: every agent gets the model the supplier gives, or none at all. */
public final class FixedModelProvider implements ModelProvider {

  private final Supplier<Optional<StreamingChatModel>> models;

  private FixedModelProvider(Supplier<Optional<StreamingChatModel>> models) {
    this.models = models;
  }

  /** Always the same model instance. */
  public static FixedModelProvider of(StreamingChatModel model) {
    return new FixedModelProvider(() -> Optional.of(model));
  }

  /** A new model for every call, e.g. a one-shot {@code StreamingChatModelMock}. */
  public static FixedModelProvider eachCall(Supplier<StreamingChatModel> model) {
    return new FixedModelProvider(() -> Optional.of(model.get()));
  }

  /** No model configured. */
  public static FixedModelProvider none() {
    return new FixedModelProvider(Optional::empty);
  }

  @Override
  public Optional<StreamingChatModel> modelFor(AgentDefinition agent) {
    return models.get();
  }

  @Override
  public String describe(AgentDefinition agent) {
    return "test";
  }
}
