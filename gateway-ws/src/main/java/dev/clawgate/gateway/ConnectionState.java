package dev.clawgate.gateway;

import java.util.Set;

/**
 * What a stateless transport stores about one connection between frames: each frame may reach another process
 * (another Lambda instance), so the handshake's progress and the granted scopes travel with the connection,
 * not in memory. The per-connection event sequence is not here: it is a counter the transport increments
 * atomically, because the worker that streams run events numbers events too.
 *
 * @param nonce the challenge sent to the client; a device proof must sign it
 * @param challengeTs when that challenge was made (ms)
 * @param clientId the connect request's {@code client.id}, for logs; null before connect
 */
public record ConnectionState(String connId, Phase phase, String nonce, long challengeTs, String role,
    Set<String> scopes, String clientId, String clientMode, String remoteAddress, String origin, boolean proxied) {

  /** Where the connection is in its life. */
  public enum Phase { AWAITING_CONNECT, CONNECTED, CLOSED }

  public ConnectionState {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** A connection that just opened: a fresh challenge, nothing granted. */
  public static ConnectionState opened(String connId, String remoteAddress, String origin, boolean proxied) {
    return new ConnectionState(connId, Phase.AWAITING_CONNECT, Handshake.newNonce(), System.currentTimeMillis(),
        null, Set.of(), null, null, remoteAddress, origin, proxied);
  }

  /** The {@code connect.challenge} payload for this connection's nonce. */
  public dev.clawgate.protocol.wire.ConnectChallenge challenge() {
    return new dev.clawgate.protocol.wire.ConnectChallenge(nonce, challengeTs);
  }

  ConnectionState connected(String newRole, Set<String> granted, String newClientId, String newClientMode) {
    return new ConnectionState(connId, Phase.CONNECTED, nonce, challengeTs, newRole, granted, newClientId,
        newClientMode, remoteAddress, origin, proxied);
  }

  ConnectionState closed() {
    return new ConnectionState(connId, Phase.CLOSED, nonce, challengeTs, role, scopes, clientId, clientMode,
        remoteAddress, origin, proxied);
  }
}
