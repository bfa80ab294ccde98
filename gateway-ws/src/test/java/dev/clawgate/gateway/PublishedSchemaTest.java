package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.clawgate.methods.GatewayMethods;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.wire.AgentAccepted;
import dev.clawgate.protocol.wire.AgentFinal;
import dev.clawgate.protocol.wire.ChatEvent;
import dev.clawgate.protocol.wire.ChatMessage;
import dev.clawgate.protocol.wire.TickEvent;
import dev.clawgate.protocol.wire.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published protocol document ({@code docs/protocol/schema.json}) is generated from the code and must not
 * drift from it: the check below is this project's {@code protocol:check}.
 */
class PublishedSchemaTest {

  /** The repository root seen from this module (surefire runs in the module's folder). */
  private static final Path PUBLISHED = Path.of("..").resolve(PublishedSchema.PATH);
  private static final Path FRESH_COPY = Path.of("target", "protocol-schema.json");

  @Test
  void publishedSchemaMatchesTheCode() throws IOException {
    String generated = PublishedSchema.render();
    String published = Files.exists(PUBLISHED) ? Files.readString(PUBLISHED, StandardCharsets.UTF_8) : "";
    if (generated.equals(published)) {
      return;
    }
    Files.createDirectories(FRESH_COPY.getParent());
    Files.writeString(FRESH_COPY, generated, StandardCharsets.UTF_8);
    fail("%s is out of date with the code (%s). Regenerate it with `./clawgate protocol-schema > %s` (or copy"
        + " gateway-ws/%s, which this test just wrote) and commit it.", PublishedSchema.PATH,
        firstDifference(published, generated), PublishedSchema.PATH, FRESH_COPY);
  }

  private static String firstDifference(String published, String generated) {
    String[] old = published.split("\n", -1);
    String[] fresh = generated.split("\n", -1);
    for (int i = 0; i < Math.min(old.length, fresh.length); i++) {
      if (!old[i].equals(fresh[i])) {
        return "line " + (i + 1) + " is `" + old[i].strip() + "`, the code says `" + fresh[i].strip() + "`";
      }
    }
    return published.isEmpty() ? "the file is missing" : "the lengths differ";
  }

  @Test
  void renderingIsStable() {
    assertThat(PublishedSchema.render()).isEqualTo(PublishedSchema.render());
  }

  @Test
  void theDocumentNamesTheProtocolVersionAndDraft07() {
    ObjectNode document = PublishedSchema.document();

    assertThat(document.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(document.path("protocolVersion").asInt()).isEqualTo(4);
    assertThat(document.path("title").asText()).isNotBlank();
  }

  @Test
  void everyRegisteredMethodAndEventIsDescribedAndEveryReferenceResolves() {
    ObjectNode document = PublishedSchema.document();
    List<String> methods = new ArrayList<>();
    document.path("methods").fieldNames().forEachRemaining(methods::add);
    List<String> events = new ArrayList<>();
    document.path("events").fieldNames().forEachRemaining(events::add);

    assertThat(methods).contains("connect").containsAll(GatewayMethods.describe().names());
    assertThat(events).containsExactlyElementsOf(GatewayCore.EVENTS);
    GatewayMethods.describe().all().forEach(method -> assertThat(method.paramsType())
        .as("params type of %s", method.name()).isPresent());
    List<String> references = new ArrayList<>();
    collectReferences(document, references);
    assertThat(references).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/definitions/")
        .satisfies(r -> assertThat(document.path("definitions").has(r.substring("#/definitions/".length())))
            .as("%s resolves", r).isTrue()));
  }

  @Test
  void framesTheGatewayWritesAreValidAgainstTheDocument() throws Exception {
    JsonSchema frames = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(PublishedSchema.document());

    AgentAccepted accepted = AgentAccepted.of("r1", "agent:main:main", "main", 1L, 0, 1L);
    assertThat(frames.validate(tree(FrameCodec.write(Frame.Response.ok("1:a", accepted))))).isEmpty();
    assertThat(frames.validate(tree(FrameCodec.write(Frame.Response.error("1:a",
        GatewayError.unknownMethod("x")))))).isEmpty();
    assertThat(frames.validate(tree(FrameCodec.write(Frame.Event.of("tick", new TickEvent(5L), 3L))))).isEmpty();
    assertThat(frames.validate(tree("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}")))
        .isEmpty();
    assertThat(frames.validate(tree("{\"type\":\"res\",\"ok\":true}"))).as("a response without id").isNotEmpty();
    assertThat(frames.validate(tree("{\"type\":\"shout\",\"id\":\"1\"}"))).as("an unknown frame type").isNotEmpty();
  }

  @Test
  void payloadsTheHandlersBuildAreValidAgainstTheirDefinitions() throws Exception {
    AgentFinal done = new AgentFinal("r1", "ok", "completed", null, new AgentFinal.Result(
        List.of(new AgentFinal.Payload("hi")), new AgentFinal.Meta(5L,
            new AgentFinal.AgentMeta("agent:main:main", "main", new Usage(1, 2)))), null);
    ChatEvent delta = ChatEvent.delta("r1", "agent:main:main", 2, "h", ChatMessage.assistant("h", 1L));

    assertThat(definition("AgentFinal").validate(FrameCodec.JSON.valueToTree(done))).isEmpty();
    assertThat(definition("AgentFinal").validate(FrameCodec.JSON.valueToTree(AgentFinal.timeout("r1", "late"))))
        .isEmpty();
    assertThat(definition("ChatEvent").validate(FrameCodec.JSON.valueToTree(delta))).isEmpty();
    assertThat(definition("ChatEvent").validate(tree("{\"runId\":\"r\",\"sessionKey\":\"k\",\"seq\":1,"
        + "\"state\":\"melted\"}"))).as("an unknown chat state").isNotEmpty();
  }

  /** A validator for one definition of the published document. */
  static JsonSchema definition(String name) {
    ObjectNode document = PublishedSchema.document();
    ObjectNode schema = FrameCodec.JSON.createObjectNode();
    schema.put("$schema", document.path("$schema").asText());
    schema.putArray("allOf").addObject().put("$ref", "#/definitions/" + name);
    schema.set("definitions", document.path("definitions"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
  }

  private static JsonNode tree(String text) throws IOException {
    return FrameCodec.JSON.readTree(text);
  }

  private static void collectReferences(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.properties().forEach(property -> {
        if ("$ref".equals(property.getKey())) {
          into.add(property.getValue().asText());
        } else {
          collectReferences(property.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collectReferences(item, into));
    }
  }
}
