package dev.clawgate.stubmodel;

import java.util.List;

/**
 * Everything the stub decided from one chat-completions request, before any I/O.
 *
 * <p>Kept separate from the HTTP code so the decision is a pure function of the request body: the same body
 * always yields the same plan (only the tool-call id and the {@code #fail} bookkeeping depend on server state).
 *
 * @param model         the requested model name, echoed back (defaults to {@code stub})
 * @param stream        whether the client asked for server-sent events
 * @param includeUsage  {@code stream_options.include_usage}: send a final usage-only chunk as OpenAI does
 * @param promptTokens  rough prompt size: total characters of the message texts / 4
 * @param reply         what to answer
 * @param slowMs        first-token delay from a {@code #slow <ms>} directive, or -1 when there is none
 * @param failDirective the exact {@code #fail <n>} text together with the last user message, or null
 * @param failTimes     how many requests carrying {@code failDirective} must fail before normal behaviour
 */
record StubPlan(
    String model,
    boolean stream,
    boolean includeUsage,
    int promptTokens,
    Reply reply,
    long slowMs,
    String failDirective,
    int failTimes) {

  /** The assistant's answer: either text, or a single call of a tool the request offered. */
  sealed interface Reply permits TextReply, ToolCallReply {
    /** Rough completion size: words of the text, or of the arguments of the call. */
    int completionTokens();
  }

  /**
   * A text answer, already cut into the pieces a stream sends: one word with its following whitespace each,
   * so the pieces concatenate to exactly {@code text}.
   */
  record TextReply(String text, List<String> tokens) implements Reply {
    @Override
    public int completionTokens() {
      return Math.max(1, tokens.size());
    }
  }

  /** One function call; {@code arguments} is the raw JSON text written after {@code #tool <name>}. */
  record ToolCallReply(String name, String arguments) implements Reply {
    @Override
    public int completionTokens() {
      return Math.max(1, StubScript.words(name + " " + arguments).size());
    }
  }
}
