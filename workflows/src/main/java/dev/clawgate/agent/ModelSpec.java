package dev.clawgate.agent;

import java.util.Locale;
import java.util.Set;

/**
 * Which model a run uses, written {@code provider:model} (e.g. {@code openai:gpt-4.1-mini},
 * {@code anthropic:claude-sonnet-4-5}, {@code ollama:llama3.2}). {@code baseUrl} points OpenAI's provider at
 * any compatible server; {@code apiKey} is a secret and never printed ({@link #toString()} hides it).
 */
public record ModelSpec(String provider, String model, String baseUrl, String apiKey) {

  public static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "ollama");

  public ModelSpec {
    if (provider == null || !PROVIDERS.contains(provider)) {
      throw new InvalidModelSpecException("unknown model provider '" + provider + "' (use one of "
          + String.join(", ", PROVIDERS.stream().sorted().toList()) + ")");
    }
    if (model == null || model.isBlank()) {
      throw new InvalidModelSpecException("model name is empty (write provider:model, e.g. openai:gpt-4.1-mini)");
    }
  }

  /** Parses {@code provider:model}; the model part may itself contain colons (ollama tags do). */
  public static ModelSpec parse(String spec, String baseUrl, String apiKey) {
    if (spec == null || !spec.contains(":")) {
      throw new InvalidModelSpecException("model '" + spec + "' must be written provider:model, e.g. openai:gpt-4.1-mini");
    }
    int colon = spec.indexOf(':');
    return new ModelSpec(spec.substring(0, colon).trim().toLowerCase(Locale.ROOT), spec.substring(colon + 1).trim(),
        baseUrl, apiKey);
  }

  public String label() {
    return provider + ":" + model;
  }

  @Override
  public String toString() {
    return "ModelSpec[" + label() + (baseUrl == null ? "" : " at " + baseUrl)
        + (apiKey == null ? "" : ", apiKey=***") + "]";
  }
}
