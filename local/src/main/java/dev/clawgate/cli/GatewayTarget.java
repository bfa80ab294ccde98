package dev.clawgate.cli;

import java.net.URI;

/**
 * Which gateway to talk to and with what token; {@code token} is null when none was found (the gateway then
 * says {@code AUTH_TOKEN_MISSING}). Never printed with the token.
 */
public record GatewayTarget(URI url, String token) {

  @Override
  public String toString() {
    return "GatewayTarget[" + url + ", token=" + (token == null ? "none" : "***") + "]";
  }
}
