package dev.clawgate.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agents of this gateway and which one answers when a client names none. */
public final class AgentCatalog {

  private final Map<String, AgentDefinition> byId = new LinkedHashMap<>();
  private final String defaultId;
  private final String mainKey;

  public AgentCatalog(List<AgentDefinition> agents, String defaultId, String mainKey) {
    for (AgentDefinition agent : agents) {
      if (byId.put(agent.id(), agent) != null) {
        throw new IllegalArgumentException("agent '" + agent.id() + "' is defined twice");
      }
    }
    if (!byId.containsKey(defaultId)) {
      throw new IllegalArgumentException("default agent '" + defaultId + "' is not defined");
    }
    this.defaultId = defaultId;
    this.mainKey = mainKey;
  }

  public Optional<AgentDefinition> find(String agentId) {
    return Optional.ofNullable(byId.get(agentId));
  }

  /** The agent, or the default one for ids outside the catalog (sessions such as {@code cron:x} carry none). */
  public AgentDefinition resolve(String agentId) {
    return byId.getOrDefault(agentId, byId.get(defaultId));
  }

  public List<AgentDefinition> all() {
    return List.copyOf(byId.values());
  }

  public String defaultId() {
    return defaultId;
  }

  public String mainKey() {
    return mainKey;
  }
}
