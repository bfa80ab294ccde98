package dev.clawgate.infra.dynamo;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation (or SAM) template read from YAML into a JSON tree, with the short-form intrinsic functions
 * turned into their long form: {@code !Ref X} reads as {@code {"Ref": "X"}}, {@code !GetAtt A.B} as
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} as {@code {"Fn::Sub": s}}, and so on. A plain YAML reader
 * would drop the tags and leave {@code "X"}, indistinguishable from a literal, so the tree is built here from
 * the parser's events, which carry each node's tag.
 */
final class CloudFormationTemplate {

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;

  private CloudFormationTemplate(JsonNode root) {
    this.root = root;
  }

  static CloudFormationTemplate read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CloudFormationTemplate parse(String yaml) {
    try (YAMLParser parser = YAML.createParser(yaml)) {
      parser.nextToken();
      return new CloudFormationTemplate(node(parser));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** The resource named {@code logicalId}; a missing node if there is none. */
  JsonNode resource(String logicalId) {
    return root.path("Resources").path(logicalId);
  }

  /** The resources of {@code type}, by logical id, in template order. */
  Map<String, JsonNode> resourcesOfType(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    root.path("Resources").properties().forEach(resource -> {
      if (type.equals(resource.getValue().path("Type").asText())) {
        found.put(resource.getKey(), resource.getValue());
      }
    });
    return found;
  }

  /** The node the parser is on (a scalar, or the start of a mapping or sequence), read whole. */
  private static JsonNode node(YAMLParser parser) throws IOException {
    // The tag belongs to the event the parser is on now; read it before moving into a collection.
    String tag = parser.getTypeId();
    JsonToken token = parser.currentToken();
    JsonNode value = switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, node(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(node(parser));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("unexpected " + token + " at " + parser.currentLocation());
    };
    return tag == null || tag.startsWith("tag:yaml.org,2002:") ? value : intrinsic(tag, value);
  }

  /** {@code !Name value} in its long form. */
  private static JsonNode intrinsic(String tag, JsonNode value) {
    ObjectNode longForm = NODES.objectNode();
    switch (tag) {
      case "Ref", "Condition" -> longForm.set(tag, value);
      case "GetAtt" -> {
        if (value.isTextual()) {
          // !GetAtt Resource.Attribute (the attribute itself may contain dots: split at the first only)
          String text = value.asText();
          int dot = text.indexOf('.');
          longForm.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else {
          longForm.set("Fn::GetAtt", value);
        }
      }
      default -> longForm.set("Fn::" + tag, value);
    }
    return longForm;
  }
}
