package dev.clawgate.session;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;

public final class SessionActivitiesImpl implements SessionActivities {

  private final TranscriptStore transcripts;
  private final SessionIndex sessions;
  private final EventSink events;

  public SessionActivitiesImpl(TranscriptStore transcripts, SessionIndex sessions, EventSink events) {
    this.transcripts = transcripts;
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  public void finishRun(String agentId, RunOutcome outcome) {
    transcripts.append(outcome.sessionKey(),
        TranscriptEntry.failure(outcome.runId(), outcome.status(), outcome.error(), outcome.endedAtMs()));
    // Recorded even when the entry was already there: a retry may follow a crash between the two writes.
    sessions.recordRun(outcome.sessionKey(), agentId, outcome.runId(), outcome.inputTokens(), outcome.outputTokens());
    events.publish(new RunEvent.Ended(agentId, outcome, System.currentTimeMillis()));
  }

  @Override
  public void heartbeatDone(dev.clawgate.heartbeat.HeartbeatReport report, RunOutcome deliver) {
    if (deliver != null) {
      events.publish(new RunEvent.Ended(report.agentId(), deliver, System.currentTimeMillis()));
    }
    events.publish(new RunEvent.Heartbeat(report));
  }

  @Override
  public void resetSession(String sessionKey, String agentId, String resetId) {
    if (transcripts.append(sessionKey, TranscriptEntry.reset(resetId, System.currentTimeMillis()))) {
      sessions.recordReset(sessionKey, agentId);
    }
  }
}
