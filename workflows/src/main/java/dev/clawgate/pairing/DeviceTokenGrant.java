package dev.clawgate.pairing;

import java.util.List;
import java.util.Objects;

/**
 * What a device token lets its device do, and how to recognise the token: only its SHA-256 is kept, so a
 * copy of the store cannot be used to connect.
 *
 * @param sha256 hex SHA-256 of the token's UTF-8 bytes
 */
public record DeviceTokenGrant(String role, List<String> scopes, String sha256, long issuedAtMs) {

  public DeviceTokenGrant {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256, "sha256");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  @Override
  public String toString() {
    return "DeviceTokenGrant[role=" + role + ", scopes=" + scopes + ", issuedAtMs=" + issuedAtMs + "]";
  }
}
