/**
 * One handler class per method family ({@code AgentMethods}, {@code ChatMethods}, {@code SessionsMethods},
 * {@code SystemMethods}, {@code HeartbeatMethods}); {@code GatewayMethods} assembles them into the registry
 * that {@code hello-ok.features.methods} is read from.
 */
package dev.clawgate.methods;
