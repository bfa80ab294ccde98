/**
 * JSON Schema for the protocol, generated from the Java types in {@link dev.clawgate.protocol.wire} and
 * {@link dev.clawgate.protocol.Frame}: the configured generator (victools, draft-07), the validation of incoming
 * params (networknt) with errors that name the failing path, and the assembly of the published document
 * {@code docs/protocol/schema.json}.
 */
package dev.clawgate.protocol.schema;
