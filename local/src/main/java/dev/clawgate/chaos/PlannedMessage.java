package dev.clawgate.chaos;

/**
 * One message the harness sends, fixed before it is sent so that what the gateway should have done with it
 * can be checked afterwards.
 *
 * @param session which session (0-based) it goes to
 * @param index its place in that session's send order (0-based); sends are sequential per session, so this is
 *     also its acceptance order
 * @param sessionKey the session key it is sent with
 * @param idempotencyKey the key re-sent unchanged on every retry; the gateway's run id
 * @param kind what the stub model is asked to do with it
 * @param text the message text, directives included
 * @param toolFile for {@link Kind#TOOL}: the workspace file the tool call writes, relative to the workspace
 */
public record PlannedMessage(
    int session, int index, String sessionKey, String idempotencyKey, Kind kind, String text, String toolFile) {

  /** How the stub model treats the message. */
  public enum Kind {
    /** Echoed back at the stub's normal pace. */
    PLAIN,
    /** Echoed back after a {@code #slow} first-token delay, with extra words so the stream lasts. */
    SLOW,
    /** Answered with one {@code write} tool call, then a final reply quoting the tool result. */
    TOOL
  }

  /** The final reply the stub model gives for this message. */
  public String expectedReply() {
    if (kind == Kind.TOOL) {
      return "tool result: wrote 1 bytes to " + toolFile;
    }
    return "echo: " + text;
  }

  /** Short name for reports: {@code s3/m42}. */
  public String label() {
    return "s" + session + "/m" + index;
  }
}
