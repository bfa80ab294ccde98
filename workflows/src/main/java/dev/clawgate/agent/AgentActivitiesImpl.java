package dev.clawgate.agent;

import dev.clawgate.session.RunOutcome;
import dev.clawgate.tools.WorkspaceTools;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One model call: record the user's message (step 0), load the context, stream the answer to the
 * {@link EventSink}, record the assistant's message, and return only the final message.
 *
 * <p>Idempotent under retries: if this step's assistant entry is already stored, it is returned as recorded
 * and the model is not called again, so a crash after the answer was written never produces a second one.
 */
public final class AgentActivitiesImpl implements AgentActivities {

  /**
   * How often the activity heartbeats while a model streams. Cancellation (interrupt, abort) reaches an
   * activity only through a heartbeat, so this bounds how long a cancelled model call keeps streaming.
   */
  static final long HEARTBEAT_POLL_MS = 200;

  private final AgentCatalog agents;
  private final ModelProvider models;
  private final TranscriptStore transcripts;
  private final SessionIndex sessions;
  private final EventSink events;

  public AgentActivitiesImpl(AgentCatalog agents, ModelProvider models, TranscriptStore transcripts,
      SessionIndex sessions, EventSink events) {
    this.agents = agents;
    this.models = models;
    this.transcripts = transcripts;
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  public ModelStepResult modelStep(ModelStepRequest request) {
    String key = request.sessionKey();
    Optional<TranscriptEntry> recorded = transcripts.find(key, EntryIds.assistant(request.runId(), request.step()));
    AgentDefinition agent = agents.resolve(request.agentId());
    if (recorded.isPresent()) {
      // The step ran before and the worker died before reporting: answer as recorded, never call the model twice.
      ModelStepResult result = fromEntry(recorded.get());
      if (result.isFinal() && !request.quiet()) {
        RunOutcome outcome = outcomeOf(request, result, recorded.get().ts());
        sessions.recordRun(key, agent.id(), outcome.runId(), outcome.inputTokens(), outcome.outputTokens());
        events.publish(new RunEvent.Ended(agent.id(), outcome, System.currentTimeMillis()));
      }
      return result;
    }
    recordInputs(request, agent);
    StreamingChatModel model = models.modelFor(agent).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "no model is configured for agent '" + agent.id() + "': set CLAWGATE_MODEL (e.g. openai:gpt-4.1-mini) "
            + "and the provider's key (OPENAI_API_KEY, ANTHROPIC_API_KEY) or OLLAMA_BASE_URL",
        NO_MODEL));

    ChatRequest chat = ChatRequest.builder()
        .messages(ContextBuilder.build(agent.systemPrompt(), transcripts.readCurrent(key), request.runId()))
        .toolSpecifications(WorkspaceTools.SPECIFICATIONS)
        .build();
    ChatResponse response = stream(model, chat, request, agent.id());
    AiMessage message = response.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest call : message.toolExecutionRequests()) {
        String id = call.id() == null || call.id().isBlank() ? "call_" + UUID.randomUUID() : call.id();
        calls.add(new ToolCall(id, call.name(), call.arguments()));
      }
    }
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    String text = message.text() == null ? "" : message.text();
    long now = System.currentTimeMillis();
    transcripts.append(key, TranscriptEntry.assistant(request.runId(), request.step(), text, calls,
        calls.isEmpty() ? "stop" : "toolUse", in, out, now));
    ModelStepResult result = new ModelStepResult(text, calls, in, out);
    if (result.isFinal() && !request.quiet()) {
      // Heartbeat runs (quiet) are not user activity, and their delivery is decided by the workflow.
      RunOutcome outcome = outcomeOf(request, result, now);
      sessions.recordRun(key, agent.id(), outcome.runId(), outcome.inputTokens(), outcome.outputTokens());
      events.publish(new RunEvent.Ended(agent.id(), outcome, now));
    }
    return result;
  }

  /**
   * Records the step's user messages. The turn's lead message announces the run; only the attempt that
   * records it does, so a retry does not start the run twice for clients.
   */
  private void recordInputs(ModelStepRequest request, AgentDefinition agent) {
    for (int i = 0; i < request.inputs().size(); i++) {
      UserInput input = request.inputs().get(i);
      boolean lead = request.step() == 0 && i == 0;
      String text = lead && request.note() != null ? "[" + request.note() + "]\n\n" + input.text() : input.text();
      if (lead && request.quiet()) {
        text = withHeartbeatFile(text, agent);
      }
      boolean written = transcripts.append(request.sessionKey(), TranscriptEntry.user(input.runId(), text,
          input.acceptedAtMs()));
      if (written && lead && !request.quiet()) {
        events.publish(new RunEvent.Started(request.runId(), request.sessionKey(), agent.id(),
            System.currentTimeMillis()));
      }
    }
  }

  /** A heartbeat's prompt carries the workspace's HEARTBEAT.md (the owner's standing instructions) when present. */
  private static String withHeartbeatFile(String prompt, AgentDefinition agent) {
    java.nio.file.Path file = agent.workspace().resolve("HEARTBEAT.md");
    try {
      if (java.nio.file.Files.isRegularFile(file)) {
        String content = java.nio.file.Files.readString(file);
        if (content.length() > WorkspaceTools.MAX_READ_CHARS) {
          content = content.substring(0, WorkspaceTools.MAX_READ_CHARS);
        }
        return prompt + "\n\nHEARTBEAT.md:\n" + content;
      }
    } catch (java.io.IOException | RuntimeException unreadable) {
      // An unreadable file is the same as none: the prompt alone still works.
    }
    return prompt;
  }

  private ChatResponse stream(StreamingChatModel model, ChatRequest chat, ModelStepRequest request, String agentId) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder partialText = new StringBuilder();
    AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    model.chat(chat, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle.set(context.streamingHandle());
        onPartialResponse(partial.text());
      }

      @Override
      public void onPartialResponse(String partial) {
        if (partial != null && !partial.isEmpty() && !done.isDone()) {
          synchronized (partialText) {
            partialText.append(partial);
          }
          if (request.quiet()) {
            return;
          }
          events.publish(new RunEvent.AssistantDelta(request.runId(), request.sessionKey(), agentId,
              request.step(), partial, System.currentTimeMillis()));
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ActivityExecutionContext context = Activity.getExecutionContext();
    while (true) {
      try {
        return done.get(HEARTBEAT_POLL_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillStreaming) {
        try {
          context.heartbeat(request.step());
        } catch (ActivityCanceledException cancelled) {
          // Interrupted or aborted: stop the provider's stream and keep what was said, marked as aborted.
          done.cancel(false);
          StreamingHandle streaming = handle.get();
          if (streaming != null) {
            streaming.cancel();
          }
          String partial;
          synchronized (partialText) {
            partial = partialText.toString();
          }
          transcripts.append(request.sessionKey(), TranscriptEntry.abortedPartial(request.runId(), request.step(),
              partial, System.currentTimeMillis()));
          throw cancelled;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      } catch (ExecutionException e) {
        throw ApplicationFailure.newFailureWithCause("model call failed: " + describe(e.getCause()),
            "ModelCallFailed", e.getCause());
      }
    }
  }

  /** The most telling message in a cause chain: provider errors often hide the reason a few causes down. */
  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 500; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      } else if (t.getCause() == null && text.length() == 0) {
        text.append(t.getClass().getSimpleName());
      }
    }
    return text.length() == 0 ? error.getClass().getSimpleName() : text.toString();
  }

  private static RunOutcome outcomeOf(ModelStepRequest request, ModelStepResult result, long endedAt) {
    return new RunOutcome(request.runId(), request.sessionKey(), RunOutcome.OK, result.text(), null,
        request.startedAtMs(), endedAt, request.priorInputTokens() + result.inputTokens(),
        request.priorOutputTokens() + result.outputTokens());
  }

  private static ModelStepResult fromEntry(TranscriptEntry entry) {
    return new ModelStepResult(entry.text(), entry.toolCalls(),
        entry.inputTokens() == null ? 0 : entry.inputTokens(),
        entry.outputTokens() == null ? 0 : entry.outputTokens());
  }
}
