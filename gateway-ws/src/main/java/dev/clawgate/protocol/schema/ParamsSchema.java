package dev.clawgate.protocol.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The params of one method: the JSON Schema of its params record, and the one way in for a request's params: null
 * properties dropped (a null counts as absent, as OpenClaw clients expect), then validated against the schema, then
 * bound to the record. A violation answers {@code INVALID_REQUEST} with {@code details.code = INVALID_PARAMS} and a
 * message naming the failing path ({@code params.timeout: must be an integer}).
 *
 * <p>The schema and its validator are made on first use, not when the method is registered, and the schema comes
 * from the {@link ParamsSchemaIndex} the build wrote (generated only for a type the index does not hold): a process
 * that answers one frame, a Lambda, pays for the one method it serves.
 *
 * @param <P> the params record
 */
public final class ParamsSchema<P> {

  /** How many violations a refusal lists; the first names the message, the rest are in {@code details.errors}. */
  static final int MAX_REPORTED = 10;

  private final Class<P> type;
  private volatile Compiled compiled;

  private ParamsSchema(Class<P> type) {
    this.type = type;
  }

  public static <P> ParamsSchema<P> of(Class<P> type) {
    return new ParamsSchema<>(type);
  }

  public Class<P> type() {
    return type;
  }

  /** The schema (a copy). */
  public ObjectNode schema() {
    return compiled().schema().deepCopy();
  }

  /**
   * Validates {@code params} (a JSON object) and binds it to the params record.
   *
   * @throws GatewayException {@code INVALID_PARAMS} naming the first failing path
   */
  public P read(JsonNode params) {
    JsonNode cleaned = withoutNulls(params);
    List<Violation> violations = violations(cleaned);
    if (!violations.isEmpty()) {
      throw refusal(violations);
    }
    try {
      return FrameCodec.JSON.treeToValue(cleaned, type);
    } catch (JsonMappingException e) {
      // The schema passed but the value does not fit the Java type, e.g. an integer beyond 32 bits.
      throw refusal(List.of(new Violation(bindingPath(e), "is out of range")));
    } catch (JsonProcessingException e) {
      throw refusal(List.of(new Violation("params", "cannot be read: " + e.getOriginalMessage())));
    }
  }

  /** Validates without binding; for callers that read the params themselves. */
  public void validate(JsonNode params) {
    List<Violation> violations = violations(withoutNulls(params));
    if (!violations.isEmpty()) {
      throw refusal(violations);
    }
  }

  private List<Violation> violations(JsonNode params) {
    return compiled().validator().validate(params).stream()
        .sorted(Comparator.comparing((ValidationMessage m) -> path(m)).thenComparing(ValidationMessage::getType))
        .map(m -> new Violation(path(m), phrase(m)))
        .distinct()
        .collect(Collectors.toList());
  }

  private Compiled compiled() {
    Compiled made = compiled;
    if (made == null) {
      synchronized (this) {
        made = compiled;
        if (made == null) {
          made = Compiled.of(ParamsSchemaIndex.find(type).orElseGet(() -> ProtocolSchemaGenerator.schemaOf(type)));
          compiled = made;
        }
      }
    }
    return made;
  }

  /** A schema with its validator, ready to use. */
  private record Compiled(ObjectNode schema, JsonSchema validator) {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .build();

    static Compiled of(ObjectNode schema) {
      JsonSchema validator = FACTORY.getSchema(schema, CONFIG);
      validator.initializeValidators();
      return new Compiled(schema, validator);
    }
  }

  private static GatewayException refusal(List<Violation> violations) {
    List<Violation> reported = violations.subList(0, Math.min(MAX_REPORTED, violations.size()));
    String message = reported.get(0).text()
        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("code", ErrorCodes.INVALID_PARAMS);
    details.put("path", reported.get(0).path());
    List<Map<String, String>> errors = new ArrayList<>();
    for (Violation violation : reported) {
      errors.add(Map.of("path", violation.path(), "message", violation.problem()));
    }
    details.put("errors", errors);
    return new GatewayException(new GatewayError(ErrorCodes.INVALID_REQUEST, message, details, null, null));
  }

  /** {@code params.client.id}, {@code params.attachments[2]}; a missing property is named as its own path. */
  private static String path(ValidationMessage message) {
    StringBuilder path = new StringBuilder("params");
    JsonNodePath location = message.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer) {
        path.append('[').append(element).append(']');
      } else {
        path.append('.').append(element);
      }
    }
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      path.append('.').append(message.getProperty());
    }
    return path.toString();
  }

  /** The problem in words a client author reads; the validator's own message for keywords we do not phrase. */
  private static String phrase(ValidationMessage message) {
    JsonNode schemaValue = message.getSchemaNode();
    switch (message.getType()) {
      case "required":
        return "is required";
      case "type":
        return "must be " + typeName(schemaValue);
      case "minLength":
        return schemaValue.asInt() == 1 ? "must not be empty"
            : "must be at least " + schemaValue.asInt() + " characters long";
      case "maxLength":
        return "must be at most " + schemaValue.asInt() + " characters long";
      case "minimum":
        return "must be at least " + schemaValue.asText();
      case "maximum":
        return "must be at most " + schemaValue.asText();
      case "enum":
        return "must be one of " + schemaValue;
      case "const":
        return "must be " + schemaValue;
      case "minItems":
        return "must have at least " + schemaValue.asInt() + " items";
      case "maxItems":
        return "must have at most " + schemaValue.asInt() + " items";
      case "pattern":
        return "must match " + schemaValue.asText();
      default:
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 ? text.substring(colon + 2) : text;
    }
  }

  private static String typeName(JsonNode schemaType) {
    List<String> names = new ArrayList<>();
    if (schemaType.isArray()) {
      schemaType.forEach(t -> names.add(t.asText()));
    } else {
      names.add(schemaType.asText());
    }
    names.remove("null");
    return names.stream().map(ParamsSchema::withArticle).collect(Collectors.joining(" or "));
  }

  private static String withArticle(String jsonType) {
    return ("integer".equals(jsonType) || "object".equals(jsonType) || "array".equals(jsonType) ? "an " : "a ")
        + jsonType;
  }

  private static String bindingPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder("params");
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Without null-valued properties, at any depth ({@code {"timeout": null}} means no timeout); copies if needed. */
  static JsonNode withoutNulls(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return FrameCodec.JSON.createObjectNode();
    }
    if (!hasNullProperty(node)) {
      return node;
    }
    JsonNode copy = node.deepCopy();
    dropNullProperties(copy);
    return copy;
  }

  private static boolean hasNullProperty(JsonNode node) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        if (property.getValue().isNull() || hasNullProperty(property.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (hasNullProperty(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void dropNullProperties(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> property : object.properties()) {
        if (property.getValue().isNull()) {
          nulls.add(property.getKey());
        } else {
          dropNullProperties(property.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(ParamsSchema::dropNullProperties);
    }
  }

  private record Violation(String path, String problem) {
    String text() {
      return path + ": " + problem;
    }
  }
}
