package dev.clawgate.chaos;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a chaos run: the audit, the kills and what they hit, continue-as-new, and the pace.
 *
 * @param killsRequested how many kills were asked for; fewer done is a failure (the claim was not tested)
 * @param streamsCut model replies the stub saw cut off by a kill
 * @param toolCallsIssued tool calls the stub handed out (more than tool messages when a model step re-ran)
 * @param continuedAsNew session runs that ended by continuing as new
 * @param killsNearContinueAsNew kills within 2 s of a continue-as-new of some session
 * @param loadSeconds from the first send to the last final answer
 * @param toolWatchOverflowed the side-effect watch lost events, so tool_repeats is not proven
 * @param harnessFailure why the run could not finish (e.g. the gateway did not come back), or null
 */
public record ChaosReport(
    AuditResult audit,
    List<KillRecord> kills,
    int killsRequested,
    long streamsCut,
    long toolCallsIssued,
    int continuedAsNew,
    int killsNearContinueAsNew,
    double loadSeconds,
    boolean toolWatchOverflowed,
    String harnessFailure) {

  public boolean passed() {
    return harnessFailure == null && audit.clean() && kills.size() >= killsRequested && !toolWatchOverflowed;
  }

  /** Answers (ok or error) received, i.e. turns the sessions ran. */
  public int turns() {
    return audit.okAnswers() + audit.errors();
  }

  /** The one line CI greps. */
  public String line() {
    return String.format(Locale.ROOT,
        "accepted=%d lost=%d duplicated=%d tool_repeats=%d reordered=%d overlaps=%d kills=%d turns=%d turns/s=%.1f",
        audit.accepted(), audit.lost(), audit.duplicated(), audit.toolRepeats(), audit.reordered(), audit.overlaps(),
        kills.size(), turns(), loadSeconds <= 0 ? 0.0 : turns() / loadSeconds);
  }

  /** The rest: liveness counters, what the kills hit, continue-as-new, findings. */
  public String details() {
    Map<KillAim, int[]> aims = new EnumMap<>(KillAim.class);
    int withStream = 0;
    int withTool = 0;
    long restartTotal = 0;
    for (KillRecord kill : kills) {
      int[] counts = aims.computeIfAbsent(kill.aimed(), a -> new int[2]);
      counts[kill.hit() ? 0 : 1]++;
      withStream += kill.streamsOpen() > 0 ? 1 : 0;
      withTool += kill.toolsOpen() > 0 ? 1 : 0;
      restartTotal += kill.restartMs();
    }
    StringBuilder aimText = new StringBuilder();
    aims.forEach((aim, counts) -> aimText.append(aimText.length() == 0 ? "" : ", ").append(aim.label()).append(' ')
        .append(counts[0]).append(counts[1] > 0 ? " (+" + counts[1] + " fell back to timed)" : ""));
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT,
        "answers: ok=%d error=%d unanswered=%d not_accepted=%d dropped=%d wrong_answers=%d unknown_runs=%d%n",
        audit.okAnswers(), audit.errors(), audit.unanswered(), audit.notAccepted(), audit.dropped(),
        audit.wrongAnswers(), audit.unknownRuns()));
    text.append(String.format(Locale.ROOT,
        "tools: messages=%d calls_handed_out=%d missing=%d watch=%s%n", audit.toolMessages(), toolCallsIssued,
        audit.toolMissing(), toolWatchOverflowed ? "OVERFLOWED (tool_repeats unproven)" : "complete"));
    text.append(String.format(Locale.ROOT,
        "kills: %d of %d; aimed at %s; landed with a model stream open %d, with a tool call open %d; "
            + "streams cut %d; mean restart %d ms%n",
        kills.size(), killsRequested, aimText.length() == 0 ? "-" : aimText, withStream, withTool, streamsCut,
        kills.isEmpty() ? 0 : restartTotal / kills.size()));
    text.append(String.format(Locale.ROOT, "continue-as-new: %d runs continued as new; kills within 2 s of one: %d%n",
        continuedAsNew, killsNearContinueAsNew));
    if (harnessFailure != null) {
      text.append("harness failure: ").append(harnessFailure).append('\n');
    }
    for (String finding : audit.findings()) {
      text.append("  ").append(finding).append('\n');
    }
    text.append(passed() ? "PASS" : "FAIL");
    return text.toString();
  }
}
