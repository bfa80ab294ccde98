package dev.clawgate.protocol.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles the published protocol document ({@code docs/protocol/schema.json}): one draft-07 schema that validates
 * any frame, with {@code protocolVersion}, a {@code methods} map (scope, params and result definitions of each
 * method), an {@code events} map (payload definition of each event) and the {@code definitions} themselves. The
 * rendering is canonical (keys sorted, two-space indentation, one trailing newline) so the committed file changes
 * only when the code does.
 */
public final class ProtocolSchemaDocument {

  /**
   * A method as the document shows it; {@code paramsType} null means its params are not typed yet. A result type
   * that is an array class ({@code Presence[].class}) stands for an answer that is a bare JSON array.
   */
  public record MethodEntry(String name, String scope, Class<?> paramsType, List<Class<?>> resultTypes) {}

  /** An event as the document shows it; {@code payloadType} null means its payload is not typed yet. */
  public record EventEntry(String name, Class<?> payloadType) {}

  private static final List<String> TOP_LEVEL_ORDER = List.of("$schema", "title", "description", "protocolVersion",
      "allOf", "methods", "events", "definitions");

  private ProtocolSchemaDocument() {}

  public static ObjectNode build(int protocolVersion, List<MethodEntry> methods, List<EventEntry> events) {
    Set<Class<?>> roots = new LinkedHashSet<>(List.of(Frame.class, Frame.Request.class, Frame.Response.class,
        Frame.Event.class, GatewayError.class));
    methods.forEach(method -> {
      if (method.paramsType() != null) {
        roots.add(method.paramsType());
      }
      method.resultTypes().forEach(type -> roots.add(type.isArray() ? type.getComponentType() : type));
    });
    events.forEach(event -> {
      if (event.payloadType() != null) {
        roots.add(event.payloadType());
      }
    });

    ObjectNode document = FrameCodec.JSON.createObjectNode();
    document.put("$schema", ProtocolSchemaGenerator.VERSION.getIdentifier());
    document.put("title", "Clawgate gateway protocol");
    document.put("description", "OpenClaw gateway protocol v" + protocolVersion + " as Clawgate speaks it,"
        + " generated from the Java types. The document validates one frame; 'methods' and 'events' map names to"
        + " their definitions. Unknown properties are accepted everywhere. See docs/protocol.md.");
    document.put("protocolVersion", protocolVersion);
    document.putArray("allOf").addObject().put("$ref", ref(Frame.class));
    ObjectNode methodsNode = document.putObject("methods");
    for (MethodEntry method : methods) {
      ObjectNode entry = methodsNode.putObject(method.name());
      if (method.scope() != null) {
        entry.put("scope", method.scope());
      }
      if (method.paramsType() == null) {
        entry.putObject("params").put("type", "object");
      } else {
        entry.putObject("params").put("$ref", ref(method.paramsType()));
      }
      if (!method.resultTypes().isEmpty()) {
        ArrayNode results = entry.putArray("results");
        method.resultTypes().forEach(type -> {
          if (type.isArray()) {
            ObjectNode array = results.addObject().put("type", "array");
            array.putObject("items").put("$ref", ref(type.getComponentType()));
          } else {
            results.addObject().put("$ref", ref(type));
          }
        });
      }
    }
    ObjectNode eventsNode = document.putObject("events");
    for (EventEntry event : events) {
      ObjectNode payload = eventsNode.putObject(event.name()).putObject("payload");
      if (event.payloadType() != null) {
        payload.put("$ref", ref(event.payloadType()));
      }
    }
    document.set("definitions", ProtocolSchemaGenerator.definitions(roots));
    return document;
  }

  /** The canonical text of a document. */
  public static String render(ObjectNode document) {
    ObjectNode ordered = FrameCodec.JSON.createObjectNode();
    for (String key : TOP_LEVEL_ORDER) {
      if (document.has(key)) {
        ordered.set(key, sorted(document.get(key)));
      }
    }
    List<String> rest = new ArrayList<>();
    document.fieldNames().forEachRemaining(rest::add);
    rest.stream().filter(key -> !TOP_LEVEL_ORDER.contains(key)).sorted()
        .forEach(key -> ordered.set(key, sorted(document.get(key))));
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return FrameCodec.JSON.writer(printer).writeValueAsString(ordered) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the protocol schema", e);
    }
  }

  private static String ref(Class<?> type) {
    return "#/definitions/" + ProtocolSchemaGenerator.definitionName(type);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> byKey = new TreeMap<>();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        byKey.put(property.getKey(), sorted(property.getValue()));
      }
      ObjectNode copy = FrameCodec.JSON.createObjectNode();
      byKey.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = FrameCodec.JSON.createArrayNode();
      node.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }
}
