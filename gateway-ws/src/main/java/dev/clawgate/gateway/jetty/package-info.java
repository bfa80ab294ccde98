/** The self-hosted transport: Jetty 12 core (no servlets) serving the gateway WebSocket on one port. */
package dev.clawgate.gateway.jetty;
