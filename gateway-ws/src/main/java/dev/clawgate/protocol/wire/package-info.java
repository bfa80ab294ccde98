/**
 * The typed shapes of the protocol: the params of every implemented method, the payloads of its responses and
 * events, and the handshake. These records are the one source of truth for the wire format: handlers build and
 * read them, {@link dev.clawgate.protocol.schema.ProtocolSchemaGenerator} turns them into the published JSON Schema
 * ({@code docs/protocol/schema.json}), and incoming params are validated against that schema.
 *
 * <p>Annotation conventions (read by the generator and the validator): {@code @NotNull}/{@code @NotEmpty} mark a
 * required property (primitives are always required); {@code @Min}/{@code @Max}/{@code @Size} give bounds;
 * {@code @JsonPropertyDescription}/{@code @JsonClassDescription} say what a field means; records marked
 * {@code @JsonInclude(NON_NULL)} leave out absent optional fields. Params records list the optional fields
 * OpenClaw clients send even when Clawgate ignores them, so their types are documented; unknown properties are
 * accepted (see docs/protocol.md).
 */
package dev.clawgate.protocol.wire;
