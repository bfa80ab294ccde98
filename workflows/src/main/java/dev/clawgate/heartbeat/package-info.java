/**
 * Heartbeats: a periodic turn in each agent's main session, driven by a timer inside that session's workflow so
 * it shares the session's single writer and queue (it can never overlap a user run), with OpenClaw's rules for
 * the {@code HEARTBEAT_OK} acknowledgement (an ack-only reply is never delivered) and active hours.
 */
package dev.clawgate.heartbeat;
