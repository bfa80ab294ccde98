/**
 * How to reach a Temporal service: {@code TemporalEndpoint}, the one description of an address, a namespace and
 * the credentials (TLS, an API key or an mTLS client certificate) that the self-hosted gateway, the AWS functions
 * and the session worker all connect with.
 */
package dev.clawgate.temporal;
