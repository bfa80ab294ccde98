package dev.clawgate.agent;

import dev.clawgate.session.RunOutcome;

/**
 * What a run tells the outside world while it happens. Streaming is a side channel: these go to the
 * {@link EventSink} as they occur and are never part of workflow history; only final messages are.
 */
public sealed interface RunEvent {

  String runId();

  String sessionKey();

  String agentId();

  long ts();

  /** The run left the queue and its first model call began. */
  record Started(String runId, String sessionKey, String agentId, long ts) implements RunEvent {}

  /** A piece of assistant text as the model streamed it, tagged with the step so stale chunks can be told apart. */
  record AssistantDelta(String runId, String sessionKey, String agentId, int step, String delta, long ts)
      implements RunEvent {}

  record ToolStarted(String runId, String sessionKey, String agentId, String callId, String name,
      String arguments, long ts) implements RunEvent {}

  record ToolFinished(String runId, String sessionKey, String agentId, String callId, String name,
      String output, boolean isError, long ts) implements RunEvent {}

  /** A heartbeat finished; every connected client hears of it, whether or not its reply is delivered. */
  record Heartbeat(dev.clawgate.heartbeat.HeartbeatReport report) implements RunEvent {
    @Override
    public String runId() {
      return report.runId();
    }

    @Override
    public String sessionKey() {
      return report.sessionKey();
    }

    @Override
    public String agentId() {
      return report.agentId();
    }

    @Override
    public long ts() {
      return report.ts();
    }
  }

  /** The run is over, successfully or not; clients waiting for a final answer take it from here. */
  record Ended(String agentId, RunOutcome outcome, long ts) implements RunEvent {
    @Override
    public String runId() {
      return outcome.runId();
    }

    @Override
    public String sessionKey() {
      return outcome.sessionKey();
    }
  }
}
