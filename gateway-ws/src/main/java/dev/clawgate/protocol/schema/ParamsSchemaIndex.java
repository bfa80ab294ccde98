package dev.clawgate.protocol.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.clawgate.protocol.FrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The params schemas of the gateway's own methods, generated when the module is built rather than when a process
 * starts: generating them (victools) cost a cold Lambda a quarter of a second and hundreds of classes. The build
 * writes {@link #RESOURCE} with {@link ProtocolSchemaGenerator#schemaOf} for every params type the gateway
 * registers (see {@code dev.clawgate.gateway.ParamsSchemaIndexBuild}), so the code stays the one source of truth and
 * the schemas a process validates with are byte for byte the ones it would have generated. A type the index does
 * not hold (a test's own params record) is generated on first use, as before.
 */
public final class ParamsSchemaIndex {

  /** Where the build puts the index on the class path: {@code {"<class name>": <schema>, ...}}. */
  public static final String RESOURCE = "dev/clawgate/protocol/schema/params-schemas.json";

  /** Reads {@code 1000E0} back as the big decimal 1000 (unscaled 1000, scale 0), not as a double or 1E+3. */
  private static final ObjectReader READER = FrameCodec.JSON.reader()
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private ParamsSchemaIndex() {}

  /** The precomputed schema of {@code type} (a copy), or empty when the index does not hold it. */
  public static Optional<ObjectNode> find(Class<?> type) {
    JsonNode schema = Loaded.INDEX.get(type.getName());
    return schema instanceof ObjectNode object ? Optional.of(object.deepCopy()) : Optional.empty();
  }

  /**
   * The index of {@code types}, in the form the build writes. The generator makes bounds ({@code minimum},
   * {@code maximum}) big decimals, which plain JSON would read back as integers, and the validator compares
   * integers and decimals in different ways; so decimals are written as {@code <unscaled>E<-scale>}, which
   * {@link #READER} reads back to the very same number.
   */
  public static String render(Collection<Class<?>> types) {
    TreeMap<String, JsonNode> byName = new TreeMap<>();
    types.forEach(type -> byName.put(type.getName(), withExactDecimals(ProtocolSchemaGenerator.schemaOf(type))));
    ObjectNode index = FrameCodec.JSON.createObjectNode();
    byName.forEach(index::set);
    return index.toString();
  }

  private static JsonNode withExactDecimals(JsonNode node) {
    if (node instanceof DecimalNode decimal) {
      BigDecimal value = decimal.decimalValue();
      return new POJONode(new RawValue(value.unscaledValue() + "E" + (-value.scale())));
    }
    if (node.isObject()) {
      ObjectNode copy = FrameCodec.JSON.createObjectNode();
      node.properties().forEach(property -> copy.set(property.getKey(), withExactDecimals(property.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = FrameCodec.JSON.createArrayNode();
      node.forEach(item -> copy.add(withExactDecimals(item)));
      return copy;
    }
    return node;
  }

  /** Writes the index of {@code types} to {@code file}. */
  public static void write(Collection<Class<?>> types, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(types), StandardCharsets.UTF_8);
  }

  /** Read once, on the first lookup; an empty index when the resource is missing (an IDE build without Maven). */
  private static final class Loaded {
    static final JsonNode INDEX = load();

    private static JsonNode load() {
      try (InputStream in = ParamsSchemaIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        return in == null ? FrameCodec.JSON.createObjectNode() : READER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
