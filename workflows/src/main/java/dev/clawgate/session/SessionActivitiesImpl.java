package dev.clawgate.session;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.util.Optional;

public final class SessionActivitiesImpl implements SessionActivities {

  /** The stop reason of an assistant entry that answers the turn (the model asked for no more tools). */
  private static final String FINAL = "stop";

  private final TranscriptStore transcripts;
  private final SessionIndex sessions;
  private final EventSink events;

  public SessionActivitiesImpl(TranscriptStore transcripts, SessionIndex sessions, EventSink events) {
    this.transcripts = transcripts;
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  public void deleteSession(String sessionKey, String deleteId) {
    transcripts.append(sessionKey, TranscriptEntry.reset(deleteId, System.currentTimeMillis()));
    sessions.remove(sessionKey);
  }

  @Override
  public RunOutcome finishRun(String agentId, RunOutcome outcome) {
    RunOutcome recorded = recordedReply(outcome).orElse(outcome);
    if (recorded == outcome) {
      transcripts.append(outcome.sessionKey(),
          TranscriptEntry.failure(outcome.runId(), outcome.status(), outcome.error(), outcome.endedAtMs()));
    }
    // Recorded even when the entry was already there: a retry may follow a crash between the two writes.
    sessions.recordRun(recorded.sessionKey(), agentId, recorded.runId(), recorded.inputTokens(),
        recorded.outputTokens());
    events.publish(new RunEvent.Ended(agentId, recorded, System.currentTimeMillis()));
    return recorded;
  }

  /** The run's final reply if a model step recorded one, as an ok outcome; tokens add that step's own. */
  private Optional<RunOutcome> recordedReply(RunOutcome failed) {
    for (int step = 0; step < SessionWorkflowImpl.MAX_STEPS; step++) {
      Optional<TranscriptEntry> reply = transcripts.find(failed.sessionKey(), EntryIds.assistant(failed.runId(), step))
          .filter(entry -> FINAL.equals(entry.stopReason()));
      if (reply.isPresent()) {
        TranscriptEntry entry = reply.get();
        return Optional.of(new RunOutcome(failed.runId(), failed.sessionKey(), RunOutcome.OK,
            entry.text() == null ? "" : entry.text(), null, failed.startedAtMs(), entry.ts(),
            failed.inputTokens() + (entry.inputTokens() == null ? 0 : entry.inputTokens()),
            failed.outputTokens() + (entry.outputTokens() == null ? 0 : entry.outputTokens())));
      }
    }
    return Optional.empty();
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
