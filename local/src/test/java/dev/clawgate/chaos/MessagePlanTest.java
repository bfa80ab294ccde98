package dev.clawgate.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagePlanTest {

  @Test
  void sameSeedGivesTheSameMessages() {
    MessagePlan a = new MessagePlan(42, "tag", 20, 25, 300);
    MessagePlan b = new MessagePlan(42, "tag", 20, 25, 300);
    for (int i = 0; i < 50; i++) {
      assertThat(a.message(3, i)).isEqualTo(b.message(3, i));
    }
  }

  @Test
  void mixFollowsThePercentagesAndKeysAreUnique() {
    MessagePlan plan = new MessagePlan(1, "tag", 20, 25, 300);
    Map<PlannedMessage.Kind, Integer> counts = new EnumMap<>(PlannedMessage.Kind.class);
    Set<String> keys = new HashSet<>();
    for (int session = 0; session < 10; session++) {
      for (int i = 0; i < 200; i++) {
        PlannedMessage message = plan.message(session, i);
        counts.merge(message.kind(), 1, Integer::sum);
        assertThat(keys.add(message.idempotencyKey())).isTrue();
      }
    }
    assertThat(counts.get(PlannedMessage.Kind.TOOL)).isBetween(340, 460);
    assertThat(counts.get(PlannedMessage.Kind.SLOW)).isBetween(440, 560);
  }

  @Test
  void toolMessageAsksTheStubForAWriteOfItsOwnFile() {
    PlannedMessage tool = new MessagePlan(1, "tag", 100, 0, 300).message(2, 5);

    assertThat(tool.kind()).isEqualTo(PlannedMessage.Kind.TOOL);
    assertThat(tool.toolFile()).isEqualTo("count/tag-s2-m5.txt");
    assertThat(tool.text()).endsWith("#tool write {\"path\":\"count/tag-s2-m5.txt\",\"content\":\"x\"}");
    assertThat(tool.expectedReply()).isEqualTo("tool result: wrote 1 bytes to count/tag-s2-m5.txt");
    assertThat(tool.sessionKey()).isEqualTo("agent:main:chaos-tag-s2");
  }

  @Test
  void slowMessageCarriesTheSlowDirective() {
    PlannedMessage slow = new MessagePlan(1, "tag", 0, 100, 250).message(0, 0);

    assertThat(slow.text()).contains("#slow 250 ");
    assertThat(slow.expectedReply()).isEqualTo("echo: " + slow.text());
  }

  @Test
  void refusesPercentagesAboveAHundred() {
    assertThatThrownBy(() -> new MessagePlan(1, "tag", 60, 50, 300)).isInstanceOf(IllegalArgumentException.class);
  }
}
