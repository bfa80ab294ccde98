package dev.clawgate.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.infra.disk.DiskTranscriptStore;
import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptAuditTest {

  @TempDir
  Path dir;

  private DiskTranscriptStore store;
  private final Map<String, List<Long>> landings = new HashMap<>();
  private final MessagePlan plan = new MessagePlan(7, "t1", 0, 0, 300);
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    store = new DiskTranscriptStore(dir);
    ledger = new Ledger(1);
  }

  @Test
  void answeredMessagesInOrderPassEveryCheck() {
    Acknowledgement first = acceptedAndAnswered(plain(0), 1L);
    Acknowledgement second = acceptedAndAnswered(plain(1), 2L);
    recordRun(first.message());
    recordRun(second.message());

    AuditResult result = audit();

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.okAnswers()).isEqualTo(2);
    assertThat(result.clean()).as(String.join("\n", result.findings())).isTrue();
  }

  @Test
  void acceptedMessageWithoutUserEntryIsLost() {
    Acknowledgement ack = acceptedAndAnswered(plain(0), 1L);
    store.append(key(), TranscriptEntry.assistant(runId(ack), 0, ack.message().expectedReply(), null, "stop", 1, 1, 2));

    AuditResult result = audit();

    assertThat(result.lost()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f).startsWith("lost: s0/m0").contains(runId(ack)));
  }

  @Test
  void acceptedMessageWithoutFinalReplyIsLost() {
    Acknowledgement ack = ledger.record(plain(0));
    ack.accepted(1L);
    store.append(key(), TranscriptEntry.user(runId(ack), ack.message().text(), 1));

    AuditResult result = audit();

    assertThat(result.lost()).isEqualTo(1);
    assertThat(result.unanswered()).isEqualTo(1);
    assertThat(result.clean()).isFalse();
  }

  @Test
  void failureEntryCountsAsTheOneFinalReply() {
    Acknowledgement ack = ledger.record(plain(0));
    ack.accepted(1L);
    ack.finalAnswer("error", "model call failed");
    store.append(key(), TranscriptEntry.user(runId(ack), ack.message().text(), 1));
    store.append(key(), TranscriptEntry.failure(runId(ack), "error", "model call failed", 2));

    AuditResult result = audit();

    assertThat(result.lost()).isZero();
    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.clean()).isTrue();
  }

  @Test
  void messageAcceptedAsNewTwiceIsDuplicated() {
    Acknowledgement ack = acceptedAndAnswered(plain(0), 1L);
    ack.accepted(2L);
    recordRun(ack.message());

    assertThat(audit().duplicated()).isEqualTo(1);
  }

  @Test
  void twoFinalRepliesForOneRunAreDuplicated() {
    Acknowledgement ack = acceptedAndAnswered(plain(0), 1L);
    recordRun(ack.message());
    store.append(key(), TranscriptEntry.failure(runId(ack), "error", "late", 9));

    assertThat(audit().duplicated()).isEqualTo(1);
  }

  @Test
  void toolFileLandingTwiceIsARepeat() {
    PlannedMessage tool = new MessagePlan(7, "t1", 100, 0, 300).message(0, 0);
    Acknowledgement ack = acceptedAndAnswered(tool, 1L);
    recordToolRun(tool);
    landings.put(tool.toolFile(), List.of(1_000L, 121_000L));

    AuditResult result = audit();

    assertThat(result.toolRepeats()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f).startsWith("tool repeat: s0/m0")
        .contains("landed 2 times [1970-01-01T00:00:01Z, 1970-01-01T00:02:01Z]"));
    assertThat(ack.isAccepted()).isTrue();
  }

  @Test
  void toolFileLandingOnceIsClean() {
    PlannedMessage tool = new MessagePlan(7, "t1", 100, 0, 300).message(0, 0);
    acceptedAndAnswered(tool, 1L);
    recordToolRun(tool);
    landings.put(tool.toolFile(), List.of(1_000L));

    AuditResult result = audit();

    assertThat(result.toolMessages()).isEqualTo(1);
    assertThat(result.clean()).as(String.join("\n", result.findings())).isTrue();
  }

  @Test
  void toolAnsweredOkWithoutItsFileIsMissing() {
    PlannedMessage tool = new MessagePlan(7, "t1", 100, 0, 300).message(0, 0);
    acceptedAndAnswered(tool, 1L);
    recordToolRun(tool);

    assertThat(audit().toolMissing()).isEqualTo(1);
  }

  @Test
  void userEntriesOutOfAcceptanceOrderAreReordered() {
    Acknowledgement first = acceptedAndAnswered(plain(0), 1L);
    Acknowledgement second = acceptedAndAnswered(plain(1), 2L);
    recordRun(second.message());
    recordRun(first.message());

    AuditResult result = audit();

    assertThat(result.reordered()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f).startsWith("reordered: session"));
  }

  @Test
  void queueSeqOtherThanTheAcceptanceRankIsReordered() {
    Acknowledgement first = acceptedAndAnswered(plain(0), 1L);
    Acknowledgement second = acceptedAndAnswered(plain(1), 3L);
    recordRun(first.message());
    recordRun(second.message());

    AuditResult result = audit();

    assertThat(result.reordered()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f).contains("got queueSeq 3 but was accepted #2"));
  }

  @Test
  void entryOfAnotherRunInsideARunIsAnOverlap() {
    Acknowledgement first = acceptedAndAnswered(plain(0), 1L);
    Acknowledgement second = acceptedAndAnswered(plain(1), 2L);
    store.append(key(), TranscriptEntry.user(runId(first), first.message().text(), 1));
    store.append(key(), TranscriptEntry.user(runId(second), second.message().text(), 2));
    store.append(key(), reply(first, 3));
    store.append(key(), reply(second, 4));

    AuditResult result = audit();

    assertThat(result.overlaps()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f).startsWith("overlap: session").contains(runId(second)));
  }

  @Test
  void answerDifferentFromTheModelsIsWrong() {
    Acknowledgement ack = ledger.record(plain(0));
    ack.accepted(1L);
    ack.finalAnswer("ok", "echo: something else");
    recordRun(ack.message());

    assertThat(audit().wrongAnswers()).isEqualTo(1);
  }

  @Test
  void messageNeverAcknowledgedIsNotAccepted() {
    Acknowledgement ack = ledger.record(plain(0));
    ack.failedAttempt("connection refused");

    AuditResult result = audit();

    assertThat(result.accepted()).isZero();
    assertThat(result.notAccepted()).isEqualTo(1);
    assertThat(result.clean()).isFalse();
  }

  @Test
  void runNoClientSentIsUnknown() {
    Acknowledgement ack = acceptedAndAnswered(plain(0), 1L);
    recordRun(ack.message());
    store.append(key(), TranscriptEntry.user("someone-else", "hi", 5));

    assertThat(audit().unknownRuns()).isEqualTo(1);
  }

  private AuditResult audit() {
    return new TranscriptAudit(store, file -> landings.getOrDefault(file, List.of())).audit(ledger);
  }

  private PlannedMessage plain(int index) {
    return plan.message(0, index);
  }

  private String key() {
    return plan.sessionKey(0);
  }

  private static String runId(Acknowledgement ack) {
    return ack.message().idempotencyKey();
  }

  private Acknowledgement acceptedAndAnswered(PlannedMessage message, Long seq) {
    Acknowledgement ack = ledger.record(message);
    ack.sent();
    ack.accepted(seq);
    ack.finalAnswer("ok", message.expectedReply());
    return ack;
  }

  private static TranscriptEntry reply(Acknowledgement ack, long ts) {
    return TranscriptEntry.assistant(runId(ack), 0, ack.message().expectedReply(), null, "stop", 1, 1, ts);
  }

  private void recordRun(PlannedMessage message) {
    String runId = message.idempotencyKey();
    store.append(key(), TranscriptEntry.user(runId, message.text(), 1));
    store.append(key(), TranscriptEntry.assistant(runId, 0, message.expectedReply(), null, "stop", 1, 1, 2));
  }

  private void recordToolRun(PlannedMessage message) {
    String runId = message.idempotencyKey();
    ToolCall call = new ToolCall("call_1", "write", "{}");
    store.append(key(), TranscriptEntry.user(runId, message.text(), 1));
    store.append(key(), TranscriptEntry.assistant(runId, 0, "", List.of(call), "toolUse", 1, 1, 2));
    store.append(key(), TranscriptEntry.toolResult(runId, 0, call, "wrote 1 bytes to " + message.toolFile(), false, 3));
    store.append(key(), TranscriptEntry.assistant(runId, 1, message.expectedReply(), null, "stop", 1, 1, 4));
  }
}
