package dev.clawgate.tools;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a tool call and records its result. If the result is already in the transcript (the activity ran
 * before and the worker died before reporting), the recorded result is returned and the tool is not run
 * again.
 */
public final class ToolActivitiesImpl implements ToolActivities {

  private final AgentCatalog agents;
  private final TranscriptStore transcripts;
  private final EventSink events;
  private final ConcurrentHashMap<String, WorkspaceTools> toolsByAgent = new ConcurrentHashMap<>();

  public ToolActivitiesImpl(AgentCatalog agents, TranscriptStore transcripts, EventSink events) {
    this.agents = agents;
    this.transcripts = transcripts;
    this.events = events;
  }

  @Override
  public ToolResult runTool(ToolCallRequest request) {
    String entryId = EntryIds.toolResult(request.runId(), request.step(), request.call().id());
    Optional<TranscriptEntry> recorded = transcripts.find(request.sessionKey(), entryId);
    if (recorded.isPresent()) {
      return new ToolResult(recorded.get().text(), Boolean.TRUE.equals(recorded.get().isError()));
    }
    // At most once: the call is marked started before the tool runs. A retry that finds the mark but no result
    // means a crash came in between; the tool may or may not have acted, so it is not run again and the model
    // is told so instead (a side effect twice is worse than one the model can check on).
    boolean firstAttempt = transcripts.append(request.sessionKey(),
        TranscriptEntry.toolStarted(request.runId(), request.step(), request.call(), System.currentTimeMillis()));
    if (!firstAttempt) {
      ToolResult interrupted = ToolResult.error("the " + request.call().name() + " call was interrupted by a restart "
          + "and was not repeated; it may or may not have taken effect, check before trying again");
      transcripts.append(request.sessionKey(), TranscriptEntry.toolResult(request.runId(), request.step(),
          request.call(), interrupted.output(), true, System.currentTimeMillis()));
      return interrupted;
    }
    long now = System.currentTimeMillis();
    events.publish(new RunEvent.ToolStarted(request.runId(), request.sessionKey(), request.agentId(),
        request.call().id(), request.call().name(), request.call().arguments(), now));
    WorkspaceTools tools = toolsByAgent.computeIfAbsent(request.agentId(),
        id -> new WorkspaceTools(new Workspace(agents.resolve(id).workspace())));
    ToolResult result = tools.run(request.call().name(), request.call().arguments());
    transcripts.append(request.sessionKey(), TranscriptEntry.toolResult(request.runId(), request.step(),
        request.call(), result.output(), result.isError(), System.currentTimeMillis()));
    events.publish(new RunEvent.ToolFinished(request.runId(), request.sessionKey(), request.agentId(),
        request.call().id(), request.call().name(), result.output(), result.isError(), System.currentTimeMillis()));
    return result;
  }
}
