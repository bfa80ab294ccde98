package dev.clawgate.session;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one conversation, in OpenClaw's spelling: {@code agent:<agentId>:<rest>} for agent sessions
 * (the main one is {@code agent:main:main}), {@code cron:<jobId>} and {@code hook:<id>} for proactive ones.
 *
 * <p>The key is also the durable identity of the session's single writer: its Temporal workflow id is
 * {@code session:<key>}. Keys are validated here, once, so every other layer may trust them.
 */
public record SessionKey(String value) {

  public static final int MAX_LENGTH = 256;
  public static final String DEFAULT_AGENT_ID = "main";
  public static final String DEFAULT_MAIN_KEY = "main";
  private static final String WORKFLOW_ID_PREFIX = "session:";
  private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:@+\\-]+");

  public SessionKey {
    Objects.requireNonNull(value, "session key");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidSessionKeyException(value, "must be 1.." + MAX_LENGTH + " characters");
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw new InvalidSessionKeyException(value, "may only contain letters, digits and _ . : @ + -");
    }
    if (value.startsWith("agent:")) {
      String[] parts = value.split(":", 3);
      if (parts.length < 3 || !AGENT_ID.matcher(parts[1]).matches() || parts[2].isEmpty()) {
        throw new InvalidSessionKeyException(value, "agent keys look like agent:<agentId>:<name>");
      }
    }
  }

  /** Parses a key as a client wrote it; a bare name such as {@code main} means that session of the default agent. */
  public static SessionKey parse(String raw, String defaultAgentId) {
    Objects.requireNonNull(raw, "session key");
    String trimmed = raw.trim();
    if (trimmed.contains(":")) {
      return new SessionKey(trimmed);
    }
    return new SessionKey("agent:" + defaultAgentId + ":" + trimmed);
  }

  /** The main session of an agent, where direct chats and heartbeats land. */
  public static SessionKey main(String agentId, String mainKey) {
    if (!AGENT_ID.matcher(agentId).matches()) {
      throw new InvalidSessionKeyException(agentId, "agent ids are lower-case letters, digits, _ and -");
    }
    return new SessionKey("agent:" + agentId + ":" + mainKey);
  }

  public static boolean isValidAgentId(String agentId) {
    return agentId != null && AGENT_ID.matcher(agentId).matches();
  }

  /** The agent that owns this session; sessions outside the {@code agent:} namespace belong to the default agent. */
  public String agentId() {
    if (value.startsWith("agent:")) {
      return value.split(":", 3)[1];
    }
    return DEFAULT_AGENT_ID;
  }

  public String workflowId() {
    return WORKFLOW_ID_PREFIX + value;
  }

  /** The session key named by a workflow id of ours, or null for any other workflow. */
  public static SessionKey fromWorkflowId(String workflowId) {
    if (workflowId == null || !workflowId.startsWith(WORKFLOW_ID_PREFIX)) {
      return null;
    }
    return new SessionKey(workflowId.substring(WORKFLOW_ID_PREFIX.length()));
  }

  @Override
  public String toString() {
    return value;
  }
}
