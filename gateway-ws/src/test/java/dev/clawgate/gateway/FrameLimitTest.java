package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.wire.ChatHistoryResult;
import dev.clawgate.protocol.wire.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameLimitTest {

  private static final int LIMIT = 4096;

  private static JsonNode parse(String text) throws Exception {
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMIT);
    return FrameCodec.JSON.readTree(text);
  }

  @Test
  void frameWithinTheLimitIsSentUnchanged() {
    Frame frame = Frame.Response.ok("1", Map.of("ok", true));
    assertThat(FrameLimit.fit(frame, LIMIT)).isEqualTo(FrameCodec.write(frame));
  }

  @Test
  void answerTooLargeIsRefusedWithInvalidRequestNamingItsSize() throws Exception {
    JsonNode refused = parse(FrameLimit.fit(Frame.Response.ok("7", Map.of("text", "a".repeat(10_000))), LIMIT));
    assertThat(refused.path("id").asText()).isEqualTo("7");
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(refused.path("error").path("details").path("code").asText()).isEqualTo(FrameLimit.RESPONSE_TOO_LARGE);
    assertThat(refused.path("error").path("details").path("size").asInt()).isGreaterThan(10_000);
    assertThat(refused.path("error").path("details").path("maxPayload").asInt()).isEqualTo(LIMIT);
  }

  @Test
  void historyTooLargeLeavesOutItsOldestMessagesAndSaysHowMany() throws Exception {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      messages.add(ChatMessage.assistant(i + ":" + "m".repeat(1000), i));
    }
    JsonNode answer = parse(FrameLimit.fit(Frame.Response.ok("h", new ChatHistoryResult("agent:main:main", "s1",
        messages)), LIMIT));
    assertThat(answer.path("ok").asBoolean()).isTrue();
    JsonNode kept = answer.path("payload").path("messages");
    int omitted = answer.path("payload").path("omitted").asInt();
    assertThat(omitted).isPositive();
    assertThat(kept.size() + omitted).isEqualTo(10);
    assertThat(kept.get(kept.size() - 1).path("content").path(0).path("text").asText()).startsWith("9:");
  }

  @Test
  void eventTooLargeKeepsItsShapeWithItsLongestStringCutAndMarked() throws Exception {
    Map<String, Object> payload = Map.of("runId", "r1", "data", Map.of("text", "é".repeat(5_000), "delta", "x"));
    JsonNode event = parse(FrameLimit.fit(Frame.Event.of("agent", payload, 3L), LIMIT));
    assertThat(event.path("event").asText()).isEqualTo("agent");
    assertThat(event.path("seq").asLong()).isEqualTo(3);
    assertThat(event.path("payload").path("runId").asText()).isEqualTo("r1");
    assertThat(event.path("payload").path("data").path("delta").asText()).isEqualTo("x");
    assertThat(event.path("payload").path("data").path("text").asText()).startsWith("éé")
        .endsWith("bytes cut: the message limit is " + LIMIT + " bytes]");
  }
}
