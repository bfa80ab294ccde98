/**
 * Sessions as Temporal workflows: one {@code SessionWorkflow} per session key is the session's single writer.
 * Messages arrive by update-with-start ({@code SessionClient}), wait in a {@code SessionQueue} shaped by the
 * session's {@code QueuePolicy}, and run one turn at a time; the agent loop calls one activity per model step
 * and per tool call.
 */
package dev.clawgate.session;
