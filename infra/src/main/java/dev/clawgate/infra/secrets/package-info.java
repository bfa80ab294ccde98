/**
 * Secrets on AWS: {@code AwsSecrets} resolves a setting from a plain environment variable or, on AWS, from the
 * Secrets Manager secret whose ARN another variable names (the gateway and hooks tokens, the Temporal credentials).
 */
package dev.clawgate.infra.secrets;
