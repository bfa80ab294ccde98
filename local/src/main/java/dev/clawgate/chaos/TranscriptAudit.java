package dev.clawgate.chaos;

import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.time.Instant;
import java.util.function.Function;

/**
 * Checks the transcripts on disk against what clients were acknowledged (the {@link Ledger}) and against the
 * tool side effects seen from outside ({@link ToolEffectWatch}). Pure: give it the three and it counts.
 */
public final class TranscriptAudit {

  static final int MAX_FINDINGS = 40;

  private final TranscriptStore transcripts;
  private final Function<String, List<Long>> toolLandings;

  /**
   * @param toolLandings when the tool file of a message (path relative to the workspace) landed, each time
   */
  public TranscriptAudit(TranscriptStore transcripts, Function<String, List<Long>> toolLandings) {
    this.transcripts = transcripts;
    this.toolLandings = toolLandings;
  }

  public AuditResult audit(Ledger ledger) {
    Tally tally = new Tally();
    for (int session = 0; session < ledger.sessions(); session++) {
      List<Acknowledgement> sent = ledger.session(session);
      if (!sent.isEmpty()) {
        auditSession(sent, tally);
      }
    }
    return tally.result();
  }

  private void auditSession(List<Acknowledgement> sent, Tally tally) {
    String sessionKey = sent.get(0).message().sessionKey();
    List<TranscriptEntry> entries = transcripts.readAll(sessionKey);
    Map<String, List<TranscriptEntry>> byRun = new HashMap<>();
    for (TranscriptEntry entry : entries) {
      if (entry.runId() != null) {
        byRun.computeIfAbsent(entry.runId(), k -> new ArrayList<>()).add(entry);
      }
    }
    Map<String, Integer> rankOf = new HashMap<>();
    int rank = 0;
    for (Acknowledgement ack : sent) {
      PlannedMessage message = ack.message();
      String runId = message.idempotencyKey();
      if ("dropped".equals(ack.finalStatus())) {
        tally.dropped++;
        continue;
      }
      if (!ack.isAccepted()) {
        tally.notAccepted++;
        tally.find("not accepted: " + message.label() + " run " + runId + " (" + ack.sends() + " sends, last error: "
            + ack.lastError() + ")");
        continue;
      }
      rank++;
      rankOf.put(runId, rank);
      tally.accepted++;
      List<TranscriptEntry> run = byRun.getOrDefault(runId, List.of());
      long users = run.stream().filter(e -> e.isMessage(TranscriptEntry.USER)).count();
      List<TranscriptEntry> finals = run.stream().filter(e -> isFinalReply(e, runId)).toList();
      if (users == 0 || finals.isEmpty()) {
        tally.lost++;
        tally.find("lost: " + message.label() + " session " + sessionKey + " run " + runId + ": " + users
            + " user entries, " + finals.size() + " final replies; run entries: " + excerpt(run));
      }
      if (users > 1 || finals.size() > 1 || ack.freshAcceptances() > 1) {
        tally.duplicated++;
        tally.find("duplicated: " + message.label() + " session " + sessionKey + " run " + runId + ": " + users
            + " user entries, " + finals.size() + " final replies, accepted as new " + ack.freshAcceptances()
            + " times; run entries: " + excerpt(run));
      }
      if (!ack.isFinal()) {
        tally.unanswered++;
        tally.find("unanswered: " + message.label() + " run " + runId + " got no final answer (" + ack.sends()
            + " sends, last error: " + ack.lastError() + ")");
      } else if ("ok".equals(ack.finalStatus())) {
        tally.okAnswers++;
        String recorded = finals.isEmpty() ? null : finals.get(0).text();
        if (isInterruptedTool(ack.finalText()) && Objects.equals(recorded, ack.finalText())) {
          // At most once: a crash mid-tool is reported to the model instead of running the tool again.
          tally.find("tool interrupted (answered, not a violation): " + message.label() + " run " + runId);
        } else if (!message.expectedReply().equals(ack.finalText()) || !Objects.equals(recorded, ack.finalText())) {
          tally.wrongAnswers++;
          tally.find("wrong answer: " + message.label() + " run " + runId + ": client got '" + ack.finalText()
              + "', transcript has '" + recorded + "', expected '" + message.expectedReply() + "'");
        }
      } else if ("error".equals(ack.finalStatus())) {
        tally.errors++;
        tally.find("error (answered, not a violation): " + message.label() + " run " + runId + ": "
            + ack.finalText());
      }
      if (message.kind() == PlannedMessage.Kind.TOOL) {
        tally.toolMessages++;
        auditTool(message, ack, run, tally);
      }
    }
    auditOrder(sessionKey, sent, entries, rankOf, tally);
    auditOverlaps(sessionKey, entries, rankOf, tally);
  }

  private void auditTool(PlannedMessage message, Acknowledgement ack, List<TranscriptEntry> run, Tally tally) {
    String runId = message.idempotencyKey();
    long results = run.stream().filter(e -> e.isMessage(TranscriptEntry.TOOL_RESULT)).count();
    List<Long> times = toolLandings.apply(message.toolFile());
    long landings = times.size();
    long extra = Math.max(Math.max(0, landings - 1), Math.max(0, results - 1));
    if (extra > 0) {
      tally.toolRepeats += (int) extra;
      tally.find("tool repeat: " + message.label() + " run " + runId + ": file " + message.toolFile() + " landed "
          + landings + " times " + times.stream().map(Instant::ofEpochMilli).toList() + ", " + results
          + " tool result entries; run entries: " + excerpt(run));
    }
    boolean interrupted = run.stream().anyMatch(e -> e.isMessage(TranscriptEntry.TOOL_RESULT)
        && Boolean.TRUE.equals(e.isError()) && isInterruptedTool(e.text()));
    if (landings == 0 && "ok".equals(ack.finalStatus()) && !interrupted) {
      tally.toolMissing++;
      tally.find("tool missing: " + message.label() + " run " + runId + " answered ok but " + message.toolFile()
          + " never landed");
    }
  }

  /**
   * The answer a tool call gets when a crash came between its start and its result: the tool is not run again
   * (at most once), so its file may never land; that is the promise, not a loss.
   */
  static boolean isInterruptedTool(String text) {
    return text != null && text.contains("was interrupted by a restart and was not repeated");
  }

  /** User entries must appear in acceptance order, and each queueSeq must be the message's rank. */
  private static void auditOrder(String sessionKey, List<Acknowledgement> sent, List<TranscriptEntry> entries,
      Map<String, Integer> rankOf, Tally tally) {
    int previous = 0;
    String previousRun = null;
    for (TranscriptEntry entry : entries) {
      if (!entry.isMessage(TranscriptEntry.USER)) {
        continue;
      }
      Integer rank = rankOf.get(entry.runId());
      if (rank == null) {
        continue;
      }
      if (rank < previous) {
        tally.reordered++;
        tally.find("reordered: session " + sessionKey + ": run " + entry.runId() + " (accepted #" + rank
            + ") recorded after run " + previousRun + " (accepted #" + previous + ")");
      }
      previous = rank;
      previousRun = entry.runId();
    }
    for (Acknowledgement ack : sent) {
      Integer rank = rankOf.get(ack.message().idempotencyKey());
      Long seq = ack.queueSeq();
      if (rank != null && seq != null && seq != rank.longValue()) {
        tally.reordered++;
        tally.find("reordered: " + ack.message().label() + " run " + ack.message().idempotencyKey() + " got queueSeq "
            + seq + " but was accepted #" + rank + " in its session");
      }
    }
  }

  /** Between a run's user entry and its final reply, every entry must belong to that run. */
  private static void auditOverlaps(String sessionKey, List<TranscriptEntry> entries, Map<String, Integer> rankOf,
      Tally tally) {
    String open = null;
    int openedAt = -1;
    for (int i = 0; i < entries.size(); i++) {
      TranscriptEntry entry = entries.get(i);
      String runId = entry.runId();
      if (runId == null || TranscriptEntry.RESET.equals(entry.type())) {
        continue;
      }
      if (!rankOf.containsKey(runId)) {
        tally.unknownRuns++;
        tally.find("unknown run in session " + sessionKey + ": entry " + entry.id());
        continue;
      }
      if (open != null && !open.equals(runId)) {
        tally.overlaps++;
        tally.find("overlap: session " + sessionKey + ": entry " + entry.id() + " of run " + runId
            + " inside run " + open + "; transcript from there: " + excerpt(entries.subList(openedAt,
            Math.min(entries.size(), i + 2))));
        continue;
      }
      if (open == null && entry.isMessage(TranscriptEntry.USER)) {
        open = runId;
        openedAt = i;
      }
      if (isFinalReply(entry, runId)) {
        open = null;
      }
    }
  }

  /** A run's one closing entry: the assistant's final answer, or the failure entry of a run that did not end ok. */
  static boolean isFinalReply(TranscriptEntry entry, String runId) {
    if (!entry.isMessage(TranscriptEntry.ASSISTANT) || !runId.equals(entry.runId())) {
      return false;
    }
    return "stop".equals(entry.stopReason()) || (runId + ":end").equals(entry.id());
  }

  static String excerpt(List<TranscriptEntry> entries) {
    StringBuilder text = new StringBuilder("[");
    int shown = 0;
    for (TranscriptEntry entry : entries) {
      if (shown++ == 8) {
        text.append(" ...");
        break;
      }
      String body = entry.text() == null ? "" : entry.text();
      text.append(shown == 1 ? "" : " | ").append(entry.id()).append(' ').append(entry.role())
          .append(entry.stopReason() == null ? "" : "/" + entry.stopReason())
          .append(" \"").append(body.length() > 40 ? body.substring(0, 40) + "…" : body).append('"');
    }
    return text.append(']').toString();
  }

  private static final class Tally {
    int accepted;
    int lost;
    int duplicated;
    int toolRepeats;
    int reordered;
    int overlaps;
    int unanswered;
    int notAccepted;
    int wrongAnswers;
    int toolMissing;
    int unknownRuns;
    int errors;
    int dropped;
    int okAnswers;
    int toolMessages;
    final List<String> findings = new ArrayList<>();

    void find(String finding) {
      if (findings.size() < MAX_FINDINGS) {
        findings.add(finding);
      }
    }

    AuditResult result() {
      return new AuditResult(accepted, lost, duplicated, toolRepeats, reordered, overlaps, unanswered, notAccepted,
          wrongAnswers, toolMissing, unknownRuns, errors, dropped, okAnswers, toolMessages, List.copyOf(findings));
    }
  }
}
