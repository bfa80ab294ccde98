package dev.clawgate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.FrameCodec;
import org.junit.jupiter.api.Test;

class HookTemplateTest {

  private static JsonNode body(String json) throws Exception {
    return FrameCodec.JSON.readTree(json);
  }

  @Test
  void placeholdersTakeTextAsItIsNestedFieldsAndOtherValuesAsJson() throws Exception {
    JsonNode body = body("{\"repo\":\"clawgate\",\"issue\":{\"title\":\"Bug $1\",\"number\":42,\"labels\":[\"a\"]}}");

    assertThat(HookTemplate.render("{{body.repo}}: {{ body.issue.title }} #{{body.issue.number}} {{body.issue.labels}}",
        body)).isEqualTo("clawgate: Bug $1 #42 [\"a\"]");
  }

  @Test
  void missingAndNullValuesBecomeNothing() throws Exception {
    assertThat(HookTemplate.render("[{{body.nope}}][{{body.a.b.c}}][{{body.n}}]", body("{\"n\":null}")))
        .isEqualTo("[][][]");
  }

  @Test
  void textWithoutPlaceholdersAndOtherBracesStaysAsItIs() throws Exception {
    assertThat(HookTemplate.render("plain {{headers.x}} {not}", body("{}"))).isEqualTo("plain {{headers.x}} {not}");
  }
}
