package dev.clawgate.agent;

import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Optional;

/**
 * Port: the streaming chat model an agent uses. Empty when none is configured; the run then ends with an
 * error that says what to set, instead of the gateway refusing to start.
 */
public interface ModelProvider {

  Optional<StreamingChatModel> modelFor(AgentDefinition agent);

  /** A one-line description for logs and {@code models.list}, never containing a secret. */
  String describe(AgentDefinition agent);
}
