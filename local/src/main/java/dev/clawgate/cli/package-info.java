/**
 * The operator side of the {@code clawgate} CLI: {@code health}, {@code status}, {@code agent},
 * {@code sessions list|reset}, {@code chat history} and {@code call}, each a short-lived protocol client of a
 * running gateway (Clawgate's or any other OpenClaw-protocol gateway).
 *
 * <p>What it owns: finding the gateway and its token ({@link dev.clawgate.cli.GatewayOptions}), turning every
 * way a connection or request can fail into one sentence a user can act on ({@link dev.clawgate.cli.GatewayConnector}),
 * and rendering payloads for people (tables, streamed replies) or for scripts ({@code --json}). It speaks only
 * through {@link dev.clawgate.client.GatewayClient}; it never reaches into a gateway's internals.
 */
package dev.clawgate.cli;
