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

  /**
   * Parses {@code provider:model} and takes that provider's base URL and key from the process's environment,
   * the variables self-hosted mode also reads: {@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY},
   * {@code ANTHROPIC_BASE_URL}, {@code ANTHROPIC_API_KEY}, {@code OLLAMA_BASE_URL}. Null for a blank spec.
   */
  public static ModelSpec fromEnvironment(String spec, java.util.Map<String, String> env) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    ModelSpec parsed = parse(spec.trim(), null, null);
    String prefix = parsed.provider().toUpperCase(Locale.ROOT) + "_";
    return new ModelSpec(parsed.provider(), parsed.model(), blankToNull(env.get(prefix + "BASE_URL")),
        "ollama".equals(parsed.provider()) ? null : blankToNull(env.get(prefix + "API_KEY")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
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
