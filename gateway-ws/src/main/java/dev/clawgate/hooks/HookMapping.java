package dev.clawgate.hooks;

/**
 * A named hook, {@code POST /hooks/<name>}: templates turn the JSON body into a message and a session key.
 *
 * @param action {@code agent} (an agent turn, the default) or {@code wake} (a system event in the main session)
 * @param sessionKey template of the session key (default {@code hook:<name>}); must start with an allowed prefix
 * @param messageTemplate the message, with {@code {{body.field}}} / {@code {{body.a.b}}} placeholders
 * @param agentId the agent it runs as; null means the default agent
 */
public record HookMapping(String name, String action, String agentId, String sessionKey, String messageTemplate) {

  public static final String AGENT = "agent";
  public static final String WAKE = "wake";

  public String effectiveAction() {
    return action == null ? AGENT : action;
  }

  public String effectiveSessionKey() {
    return sessionKey == null ? "hook:" + name : sessionKey;
  }
}
