package dev.clawgate.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test {@link StreamingChatModel} that follows a script: each call takes the next scripted answer (or the
 * fallback once the script is used up), answers on another thread like a real streaming client, and
 * records the request, the start and end of the call, and how many calls ran at the same time.
 *
 * <p>An answer that throws makes the call fail through {@code onError}, as a provider's error would.
 */
public final class ScriptedStreamingModel implements StreamingChatModel {

  private final Deque<Function<ChatRequest, AiMessage>> script = new ArrayDeque<>();
  private final Function<ChatRequest, AiMessage> fallback;
  private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  private ScriptedStreamingModel(Function<ChatRequest, AiMessage> fallback) {
    this.fallback = fallback;
  }

  /** A model that answers every call with {@code answer}, unless a scripted answer comes first. */
  public static ScriptedStreamingModel answering(Function<ChatRequest, AiMessage> answer) {
    return new ScriptedStreamingModel(answer);
  }

  /** A model that always replies with {@code text}, unless a scripted answer comes first. */
  public static ScriptedStreamingModel replying(String text) {
    return answering(request -> AiMessage.from(text));
  }

  /** Queues the answer to the next unscripted call. */
  public synchronized ScriptedStreamingModel then(Function<ChatRequest, AiMessage> answer) {
    script.addLast(answer);
    return this;
  }

  public ScriptedStreamingModel thenReply(String text) {
    return then(request -> AiMessage.from(text));
  }

  public ScriptedStreamingModel thenFail(String message) {
    return then(request -> {
      throw new IllegalStateException(message);
    });
  }

  public ScriptedStreamingModel thenCallTool(String callId, String name, String argumentsJson) {
    return then(request -> AiMessage.from(List.of(
        ToolExecutionRequest.builder().id(callId).name(name).arguments(argumentsJson).build())));
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    requests.add(request);
    Function<ChatRequest, AiMessage> answer;
    synchronized (this) {
      answer = script.isEmpty() ? fallback : script.pollFirst();
    }
    String label = lastUserText(request).orElse("");
    CompletableFuture.runAsync(() -> {
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
      calls.add("start " + label);
      try {
        AiMessage message = answer.apply(request);
        if (message.text() != null && !message.text().isEmpty()) {
          handler.onPartialResponse(message.text());
        }
        calls.add("end " + label);
        running.decrementAndGet();
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(message).tokenUsage(new TokenUsage(10, 5)).build());
      } catch (RuntimeException e) {
        calls.add("fail " + label);
        running.decrementAndGet();
        handler.onError(e);
      }
    });
  }

  /** Every request the model was sent, in order. */
  public List<ChatRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** {@code start <user text>}, {@code end <user text>} / {@code fail <user text>} for each call, in order. */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The most calls that were ever in progress at the same time. */
  public int maxConcurrentCalls() {
    return maxRunning.get();
  }

  /** The text of the newest user message of a request: which turn the call belongs to. */
  public static Optional<String> lastUserText(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage user) {
        return Optional.of(user.singleText());
      }
    }
    return Optional.empty();
  }
}
