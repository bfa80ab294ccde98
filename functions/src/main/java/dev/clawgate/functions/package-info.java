/**
 * The AWS Lambda functions behind API Gateway's WebSocket API ({@code $connect}, {@code $disconnect},
 * {@code $default}), the challenge sent from the connections table's stream, and the webhook function: thin
 * adapters that load a connection's state, hand the frame to gateway-ws ({@link dev.clawgate.gateway.FrameHandling})
 * and store what changed; webhooks go to gateway-ws's {@link dev.clawgate.hooks.HookService}. {@link AwsGateway} is
 * the wiring of one Lambda instance, built once per process: secrets from Secrets Manager
 * ({@link dev.clawgate.infra.secrets.AwsSecrets}), the Temporal endpoint
 * ({@link dev.clawgate.temporal.TemporalEndpoint}) and the allowed browser origins.
 */
package dev.clawgate.functions;
