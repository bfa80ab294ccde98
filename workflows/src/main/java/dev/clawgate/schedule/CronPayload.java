package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a job does when it runs: {@code systemEvent} puts {@code text} into the session as a system event;
 * {@code agentTurn} sends {@code message} as a turn (with an optional model and timeout).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronPayload(String kind, String text, String message, String model, Integer timeoutSeconds) {

  public static final String SYSTEM_EVENT = "systemEvent";
  public static final String AGENT_TURN = "agentTurn";

  public static CronPayload systemEvent(String text) {
    return new CronPayload(SYSTEM_EVENT, text, null, null, null);
  }

  public static CronPayload agentTurn(String message, String model, Integer timeoutSeconds) {
    return new CronPayload(AGENT_TURN, null, message, model, timeoutSeconds);
  }

  public CronPayload validated() {
    if (SYSTEM_EVENT.equals(kind)) {
      if (text == null || text.isBlank()) {
        throw new InvalidScheduleException("payload.text", "payload.text is required for a systemEvent");
      }
    } else if (AGENT_TURN.equals(kind)) {
      if (message == null || message.isBlank()) {
        throw new InvalidScheduleException("payload.message", "payload.message is required for an agentTurn");
      }
      if (timeoutSeconds != null && timeoutSeconds < 0) {
        throw new InvalidScheduleException("payload.timeoutSeconds", "payload.timeoutSeconds must not be negative");
      }
    } else {
      throw new InvalidScheduleException("payload.kind", "payload.kind must be systemEvent or agentTurn, got '"
          + kind + "'");
    }
    return this;
  }

  /** What the session receives: a system event is marked so the model can tell it from a user's words. */
  public String sessionText(String jobName) {
    if (SYSTEM_EVENT.equals(kind)) {
      return SystemEventText.of("cron job \"" + jobName + "\"", text);
    }
    return message;
  }
}
