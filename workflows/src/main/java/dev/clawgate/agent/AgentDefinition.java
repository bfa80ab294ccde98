package dev.clawgate.agent;

import java.nio.file.Path;

/**
 * An agent the gateway hosts: its id, what it is told first, and the folder its file tools may touch.
 *
 * @param model a {@code provider:model} override for this agent, or null for the gateway's default
 */
public record AgentDefinition(String id, String name, String systemPrompt, Path workspace, String model) {

  public static final String DEFAULT_SYSTEM_PROMPT =
      "You are a helpful personal assistant. You can read, write and edit files in your workspace with "
          + "the read, write and edit tools. Answer concisely.";
}
