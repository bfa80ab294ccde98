/**
 * Inbound webhooks, {@code POST /hooks/*} on the gateway's port: {@code /hooks/wake} (a system event for an
 * agent's main session), {@code /hooks/agent} (an agent turn) and named hooks mapped in config.
 *
 * <p>Transport-neutral: {@link dev.clawgate.hooks.HookService} answers a {@link dev.clawgate.hooks.HookRequest}
 * with a {@link dev.clawgate.hooks.HookResponse}; the Jetty binding (and later a Lambda handler) only moves
 * bytes, enforcing the body limit while it reads. Every refusal is a JSON {@code {ok:false, error:{code,
 * message, field?}}} with a 4xx status; bad input never answers 500.
 */
package dev.clawgate.hooks;
