package dev.clawgate.methods;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.schedule.CronJobs;
import dev.clawgate.session.SessionClient;
import dev.clawgate.transcript.SessionStore;
import dev.clawgate.transcript.TranscriptStore;

/**
 * What method handlers use, passed as one value: the sessions (Temporal), the stores they read, the agents,
 * the event hub and facts about this gateway.
 *
 * @param temporalTarget where sessions run, for status output (e.g. {@code embedded test server at ...})
 * @param durable false when the sessions live in the embedded, in-memory test server
 * @param heartbeats each agent's heartbeat settings, pushed into its main session at start-up; changed by
 *     {@code set-heartbeats}
 * @param pairing paired devices and pending requests (the same instance the handshake uses)
 * @param cron the cron jobs and their scheduler
 */
public record GatewayServices(
    SessionClient sessions,
    TranscriptStore transcripts,
    SessionStore sessionIndex,
    AgentCatalog agents,
    ModelProvider models,
    RunEventHub hub,
    String version,
    String temporalTarget,
    boolean durable,
    java.util.Map<String, dev.clawgate.heartbeat.HeartbeatSettings> heartbeats,
    DevicePairing pairing,
    java.util.function.Supplier<java.util.Map<String, Object>> configView,
    CronJobs cron) {}
