package dev.clawgate.chaos;

import java.util.Random;

/**
 * Decides, from the seed alone, what the n-th message of a session is: plain, slow-streaming or a tool call.
 * The same seed gives the same mix in the same places, so a failing run can be repeated.
 */
public final class MessagePlan {

  /** Where tool calls write, under the agent's workspace; the harness watches this folder. */
  public static final String TOOL_DIR = "count";
  private static final String FILLER = "and so the stream goes on word by word so that a kill can land in the middle";

  private final long seed;
  private final String runTag;
  private final int toolPercent;
  private final int slowPercent;
  private final long slowMs;

  /**
   * @param runTag distinguishes this run's session keys and files from any earlier run's on the same server
   * @param toolPercent share of messages that make a tool call (0..100)
   * @param slowPercent share of messages that stream slowly (0..100, together with tools at most 100)
   * @param slowMs first-token delay of the slow ones
   */
  public MessagePlan(long seed, String runTag, int toolPercent, int slowPercent, long slowMs) {
    if (toolPercent < 0 || slowPercent < 0 || toolPercent + slowPercent > 100) {
      throw new IllegalArgumentException("tool% and slow% must be >= 0 and add up to at most 100");
    }
    if (!runTag.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("run tag must be lower-case letters and digits: " + runTag);
    }
    this.seed = seed;
    this.runTag = runTag;
    this.toolPercent = toolPercent;
    this.slowPercent = slowPercent;
    this.slowMs = slowMs;
  }

  public String sessionKey(int session) {
    return "agent:main:chaos-" + runTag + "-s" + session;
  }

  public PlannedMessage message(int session, int index) {
    int roll = new Random(seed * 1_000_003L + session * 7_919L + index).nextInt(100);
    String key = "chaos-" + runTag + "-s" + session + "-m" + index;
    String prefix = "chaos s" + session + " m" + index + ":";
    if (roll < toolPercent) {
      String file = TOOL_DIR + "/" + runTag + "-s" + session + "-m" + index + ".txt";
      return new PlannedMessage(session, index, sessionKey(session), key, PlannedMessage.Kind.TOOL,
          prefix + " #tool write {\"path\":\"" + file + "\",\"content\":\"x\"}", file);
    }
    if (roll < toolPercent + slowPercent) {
      return new PlannedMessage(session, index, sessionKey(session), key, PlannedMessage.Kind.SLOW,
          prefix + " #slow " + slowMs + " " + FILLER, null);
    }
    return new PlannedMessage(session, index, sessionKey(session), key, PlannedMessage.Kind.PLAIN,
        prefix + " hello", null);
  }
}
