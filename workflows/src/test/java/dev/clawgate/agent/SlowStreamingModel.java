package dev.clawgate.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test model that streams like a slow provider: for a call whose newest user message starts with
 * {@link #MARKER} it emits a token at a fixed pace for a long time, and stops only when the caller cancels
 * the stream through its {@link StreamingHandle}, as LangChain4j's provider clients do. Other calls go to
 * a delegate, so the message that runs after an interrupt gets an ordinary answer.
 *
 * <p>It records when its slow stream was cancelled and what it had emitted, so tests can measure how
 * promptly an interrupt reaches a model call that is still streaming.
 */
public final class SlowStreamingModel implements StreamingChatModel {

  /** Messages starting with this get the slow stream. */
  public static final String MARKER = "slow:";

  private final long tokenEveryMs;
  private final int tokens;
  private final StreamingChatModel others;
  private final AtomicInteger emitted = new AtomicInteger();
  private final AtomicLong cancelledAtNanos = new AtomicLong();
  private final AtomicLong stoppedAtNanos = new AtomicLong();
  private final StringBuffer streamedText = new StringBuffer();

  /** Emits {@code tokens} tokens, one every {@code tokenEveryMs}, for marked messages; others go to {@code others}. */
  public SlowStreamingModel(long tokenEveryMs, int tokens, StreamingChatModel others) {
    this.tokenEveryMs = tokenEveryMs;
    this.tokens = tokens;
    this.others = others;
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    if (!ScriptedStreamingModel.lastUserText(request).orElse("").startsWith(MARKER)) {
      others.chat(request, handler);
      return;
    }
    Handle handle = new Handle();
    Thread stream = new Thread(() -> {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < tokens && !handle.isCancelled(); i++) {
        try {
          Thread.sleep(tokenEveryMs);
        } catch (InterruptedException e) {
          return;
        }
        if (handle.isCancelled()) {
          break;
        }
        String token = "t" + i + " ";
        text.append(token);
        streamedText.append(token);
        emitted.incrementAndGet();
        handler.onPartialResponse(new PartialResponse(token), new PartialResponseContext(handle));
      }
      stoppedAtNanos.set(System.nanoTime());
      if (!handle.isCancelled()) {
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text.toString()))
            .tokenUsage(new TokenUsage(10, tokens)).build());
      }
    }, "slow-stream");
    stream.setDaemon(true);
    stream.start();
  }

  /** How many tokens the slow streams emitted so far. */
  public int emitted() {
    return emitted.get();
  }

  /** Everything the slow streams emitted, in order. */
  public String streamedText() {
    return streamedText.toString();
  }

  /** {@link System#nanoTime()} when a slow stream was cancelled, or 0 if none was. */
  public long cancelledAtNanos() {
    return cancelledAtNanos.get();
  }

  /** {@link System#nanoTime()} when a slow stream stopped emitting (cancelled or finished), or 0. */
  public long stoppedAtNanos() {
    return stoppedAtNanos.get();
  }

  /** Forgets the last slow stream's cancellation, so the next one can be measured. */
  public void reset() {
    cancelledAtNanos.set(0);
    stoppedAtNanos.set(0);
    emitted.set(0);
    streamedText.setLength(0);
  }

  private final class Handle implements StreamingHandle {
    private volatile boolean cancelled;

    @Override
    public void cancel() {
      if (!cancelled) {
        cancelled = true;
        cancelledAtNanos.compareAndSet(0, System.nanoTime());
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
