package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "agent:main:main",
      "agent:ops-1:telegram:dm:12345",
      "agent:a_b:chat@example.com",
      "cron:daily-digest",
      "hook:gmail.inbox+1",
      "main"})
  void acceptsOpenClawKeys(String raw) {
    assertThat(new SessionKey(raw).value()).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "agent:main",
      "agent::x",
      "agent:main:",
      "agent:Main:x",
      "agent:-main:x",
      "has space",
      "a/b",
      "agent:main:../etc",
      "tab\tkey"})
  void rejectsMalformedKeys(String raw) {
    assertThatThrownBy(() -> new SessionKey(raw)).isInstanceOf(InvalidSessionKeyException.class);
  }

  @Test
  void rejectsKeysLongerThanTheLimit() {
    String justRight = "cron:" + "x".repeat(SessionKey.MAX_LENGTH - 5);
    assertThat(new SessionKey(justRight).value()).hasSize(SessionKey.MAX_LENGTH);
    assertThatThrownBy(() -> new SessionKey(justRight + "x"))
        .isInstanceOf(InvalidSessionKeyException.class)
        .hasMessageContaining("1.." + SessionKey.MAX_LENGTH);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> new SessionKey(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void errorMessageNamesTheKeyAndTheRule() {
    assertThatThrownBy(() -> new SessionKey("agent:main"))
        .hasMessageContaining("'agent:main'")
        .hasMessageContaining("agent:<agentId>:<name>");
  }

  @Test
  void agentIdIsTheSecondPartOfAnAgentKey() {
    assertThat(new SessionKey("agent:ops:telegram:dm:1").agentId()).isEqualTo("ops");
    assertThat(new SessionKey("agent:main:main").agentId()).isEqualTo("main");
  }

  @Test
  void keysOutsideTheAgentNamespaceBelongToTheDefaultAgent() {
    assertThat(new SessionKey("cron:daily").agentId()).isEqualTo(SessionKey.DEFAULT_AGENT_ID);
    assertThat(new SessionKey("hook:x").agentId()).isEqualTo(SessionKey.DEFAULT_AGENT_ID);
  }

  @Test
  void parseTurnsABareNameIntoThatSessionOfTheDefaultAgent() {
    assertThat(SessionKey.parse("main", "main")).isEqualTo(new SessionKey("agent:main:main"));
    assertThat(SessionKey.parse("  work ", "ops")).isEqualTo(new SessionKey("agent:ops:work"));
  }

  @Test
  void parseKeepsFullKeysAsWritten() {
    assertThat(SessionKey.parse("agent:ops:x", "main").value()).isEqualTo("agent:ops:x");
    assertThat(SessionKey.parse(" cron:daily ", "main").value()).isEqualTo("cron:daily");
  }

  @Test
  void parseRejectsInvalidInput() {
    assertThatThrownBy(() -> SessionKey.parse("two words", "main")).isInstanceOf(InvalidSessionKeyException.class);
    assertThatThrownBy(() -> SessionKey.parse("agent:main", "main")).isInstanceOf(InvalidSessionKeyException.class);
    assertThatThrownBy(() -> SessionKey.parse("x", "Not-Valid")).isInstanceOf(InvalidSessionKeyException.class);
  }

  @Test
  void mainKeyOfAnAgent() {
    assertThat(SessionKey.main("ops", "main").value()).isEqualTo("agent:ops:main");
    assertThatThrownBy(() -> SessionKey.main("Ops", "main")).isInstanceOf(InvalidSessionKeyException.class);
  }

  @Test
  void validAgentIds() {
    assertThat(SessionKey.isValidAgentId("main")).isTrue();
    assertThat(SessionKey.isValidAgentId("a-1_b")).isTrue();
    assertThat(SessionKey.isValidAgentId("Main")).isFalse();
    assertThat(SessionKey.isValidAgentId("_x")).isFalse();
    assertThat(SessionKey.isValidAgentId("x".repeat(65))).isFalse();
    assertThat(SessionKey.isValidAgentId(null)).isFalse();
  }

  @Test
  void workflowIdRoundTrips() {
    for (String raw : new String[] {"agent:main:main", "agent:ops:telegram:dm:42", "cron:daily"}) {
      SessionKey key = new SessionKey(raw);
      assertThat(key.workflowId()).isEqualTo("session:" + raw);
      assertThat(SessionKey.fromWorkflowId(key.workflowId())).isEqualTo(key);
    }
  }

  @Test
  void workflowIdsOfOtherWorkflowsAreNotSessionKeys() {
    assertThat(SessionKey.fromWorkflowId("cron-scheduler")).isNull();
    assertThat(SessionKey.fromWorkflowId(null)).isNull();
  }
}
