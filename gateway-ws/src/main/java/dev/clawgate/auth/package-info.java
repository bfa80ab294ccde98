/**
 * Who may connect and what they may do: the shared gateway secret (compared in constant time), operator scopes,
 * device identities (Ed25519 proofs over the connect challenge), device pairing and device tokens, the
 * failed-auth rate limiter and the browser-origin allowlist. Pure rules and services; the handshake in
 * {@code dev.clawgate.gateway} applies them and turns refusals into frames.
 */
package dev.clawgate.auth;
