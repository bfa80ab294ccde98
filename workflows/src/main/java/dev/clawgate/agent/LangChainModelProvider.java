package dev.clawgate.agent;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds LangChain4j streaming models from {@link ModelSpec}s: OpenAI (and any OpenAI-compatible base URL),
 * Anthropic and Ollama. Models are built once per spec and reused; they are thread-safe.
 */
public final class LangChainModelProvider implements ModelProvider {

  private final ModelSpec defaultSpec;
  private final Function<String, ModelSpec> resolveOverride;
  private final Duration timeout;
  private final ConcurrentHashMap<String, StreamingChatModel> built = new ConcurrentHashMap<>();

  /**
   * @param defaultSpec the gateway's model, or null when none is configured
   * @param resolveOverride turns an agent's {@code provider:model} override into a full spec (credentials
   *     come from the same settings as the default's)
   */
  public LangChainModelProvider(ModelSpec defaultSpec, Function<String, ModelSpec> resolveOverride, Duration timeout) {
    this.defaultSpec = defaultSpec;
    this.resolveOverride = resolveOverride;
    this.timeout = timeout;
  }

  @Override
  public Optional<StreamingChatModel> modelFor(AgentDefinition agent) {
    ModelSpec spec = specFor(agent);
    if (spec == null) {
      return Optional.empty();
    }
    return Optional.of(built.computeIfAbsent(spec.label() + "@" + spec.baseUrl(), k -> build(spec)));
  }

  @Override
  public String describe(AgentDefinition agent) {
    ModelSpec spec = specFor(agent);
    return spec == null ? "none" : spec.label() + (spec.baseUrl() == null ? "" : " at " + spec.baseUrl());
  }

  private ModelSpec specFor(AgentDefinition agent) {
    if (agent != null && agent.model() != null) {
      return resolveOverride.apply(agent.model());
    }
    return defaultSpec;
  }

  private StreamingChatModel build(ModelSpec spec) {
    switch (spec.provider()) {
      case "openai":
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder openai = OpenAiStreamingChatModel.builder()
            .modelName(spec.model())
            .apiKey(spec.apiKey() == null ? "not-set" : spec.apiKey())
            .timeout(timeout);
        if (spec.baseUrl() != null) {
          openai.baseUrl(spec.baseUrl());
        }
        return openai.build();
      case "anthropic":
        AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder anthropic =
            AnthropicStreamingChatModel.builder().modelName(spec.model()).apiKey(spec.apiKey()).timeout(timeout);
        if (spec.baseUrl() != null) {
          anthropic.baseUrl(spec.baseUrl());
        }
        return anthropic.build();
      case "ollama":
        return OllamaStreamingChatModel.builder()
            .modelName(spec.model())
            .baseUrl(spec.baseUrl() == null ? "http://127.0.0.1:11434" : spec.baseUrl())
            .timeout(timeout)
            .build();
      default:
        throw new InvalidModelSpecException("unknown model provider '" + spec.provider() + "'");
    }
  }
}
