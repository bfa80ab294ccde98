package dev.clawgate.protocol.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.naming.DefaultSchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.generator.impl.DefinitionKey;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one configured JSON Schema generator (draft-07). The rules, all read from standard annotations:
 * <ul>
 *   <li>required: {@code @NotNull}, {@code @NotEmpty}, {@code @NotBlank}, and primitive components (a primitive is
 *       always written);</li>
 *   <li>bounds and patterns: {@code @Min}, {@code @Max}, {@code @Size}, {@code @Pattern};</li>
 *   <li>descriptions: {@code @JsonClassDescription}, {@code @JsonPropertyDescription};</li>
 *   <li>enums: the {@code @JsonProperty} names of their constants; a one-value enum (a fixed field such as
 *       {@code hello-ok}'s {@code type}) becomes a {@code const};</li>
 *   <li>the {@code type} of a frame ({@code @JsonTypeInfo} names on {@link dev.clawgate.protocol.Frame}): a
 *       {@code const} per frame;</li>
 *   <li>definition names: the class's simple name, nested classes prefixed by their outer class
 *       ({@code HelloOkPolicy}); maps and {@code JsonNode} are inlined as open objects;</li>
 *   <li>{@code additionalProperties} is never restricted: the gateway is lenient about fields it does not know,
 *       because OpenClaw clients add fields over time.</li>
 * </ul>
 */
public final class ProtocolSchemaGenerator {

  public static final SchemaVersion VERSION = SchemaVersion.DRAFT_7;

  private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());

  private ProtocolSchemaGenerator() {}

  /** A self-contained schema of one type; parts used more than once sit under its {@code definitions}. */
  public static synchronized ObjectNode schemaOf(Class<?> type) {
    return GENERATOR.generateSchema(type);
  }

  /**
   * The definitions of several root types and everything they use, in one map keyed by {@link #definitionName}:
   * the {@code definitions} of the published document.
   */
  public static synchronized ObjectNode definitions(Collection<Class<?>> roots) {
    SchemaBuilder builder = GENERATOR.buildMultipleSchemaDefinitions();
    Map<String, ObjectNode> references = new LinkedHashMap<>();
    for (Class<?> root : roots) {
      references.put(definitionName(root), builder.createSchemaReference(root));
    }
    ObjectNode definitions = builder.collectDefinitions("definitions");
    references.forEach((name, reference) -> {
      JsonNode ref = reference.get("$ref");
      boolean pointsToItsOwnDefinition = reference.size() == 1 && ref != null
          && ref.asText().equals("#/definitions/" + name);
      if (pointsToItsOwnDefinition) {
        return;
      }
      if (definitions.has(name)) {
        throw new IllegalStateException("two protocol types share the definition name " + name);
      }
      definitions.set(name, reference);
    });
    return definitions;
  }

  /** {@code HelloOk} for {@code HelloOk}, {@code HelloOkPolicy} for {@code HelloOk.Policy}. */
  public static String definitionName(Class<?> type) {
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1).replace("$", "");
  }

  private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
    SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(VERSION, OptionPreset.PLAIN_JSON)
        .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
            JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
        .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
            JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
        .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
    builder.forFields().withRequiredCheck(field -> field.getType() != null
        && field.getType().getErasedType().isPrimitive());
    // A field marked @JsonInclude(ALWAYS) is sent as null rather than left out: the schema lets it be null.
    builder.forFields().withNullableCheck(field -> {
      JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
      return include != null && include.value() == JsonInclude.Include.ALWAYS
          && field.getType() != null && !field.getType().getErasedType().isPrimitive() ? Boolean.TRUE : null;
    });
    builder.forTypesInGeneral()
        .withCustomDefinitionProvider(new InlineOpenObjects())
        .withDefinitionNamingStrategy(new DefaultSchemaDefinitionNamingStrategy() {
          @Override
          public String getDefinitionNameForKey(DefinitionKey key, SchemaGenerationContext context) {
            return definitionName(key.getType().getErasedType());
          }
        });
    return builder.build();
  }

  /** Maps and JSON trees are open objects; inline them rather than name a definition per value type. */
  private static final class InlineOpenObjects implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType type, SchemaGenerationContext context) {
      if (type.isInstanceOf(Map.class) || type.isInstanceOf(JsonNode.class)) {
        return new CustomDefinition(context.createStandardDefinition(type, this),
            CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
      }
      return null;
    }
  }
}
