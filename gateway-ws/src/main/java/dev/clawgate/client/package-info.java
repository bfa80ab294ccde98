/**
 * A small Java client of the gateway protocol over the JDK's WebSocket, for the {@code clawgate} CLI, the
 * benchmarks and the tests; it works against Clawgate or any other OpenClaw-protocol gateway.
 */
package dev.clawgate.client;
