package dev.clawgate.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An instant test model that answers {@code re: <newest user message>} on the caller's thread and keeps
 * nothing but a call count, so sessions with thousands of turns cost no memory in the model.
 */
public final class EchoModel implements StreamingChatModel {

  private final AtomicLong calls = new AtomicLong();

  public static String replyTo(String text) {
    return "re: " + text;
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    calls.incrementAndGet();
    String reply = replyTo(ScriptedStreamingModel.lastUserText(request).orElse(""));
    handler.onPartialResponse(reply);
    handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(reply))
        .tokenUsage(new TokenUsage(1, 1)).build());
  }

  public long calls() {
    return calls.get();
  }
}
