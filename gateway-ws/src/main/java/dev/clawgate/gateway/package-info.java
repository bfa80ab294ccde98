/**
 * The transport-neutral gateway: {@code GatewayCore} owns the connections, ticks and method dispatch;
 * {@code GatewayConnection} is one client's handshake state machine, limits and event sequence;
 * {@code RunEventHub} is the self-hosted {@code EventSink} that routes run events to watching connections.
 */
package dev.clawgate.gateway;
