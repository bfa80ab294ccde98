package dev.clawgate.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Operator scopes. {@code operator.admin} includes every other operator scope, and {@code operator.write}
 * includes {@code operator.read}, as in OpenClaw.
 */
public final class Scopes {
  private Scopes() {}

  public static final String READ = "operator.read";
  public static final String WRITE = "operator.write";
  public static final String ADMIN = "operator.admin";
  public static final String APPROVALS = "operator.approvals";
  public static final String PAIRING = "operator.pairing";

  public static final List<String> KNOWN = List.of(READ, WRITE, ADMIN, APPROVALS, "operator.questions", PAIRING,
      "operator.talk", "operator.talk.secrets");

  /** The scopes a connection gets: those it asked for that exist. */
  public static Set<String> grant(List<String> requested) {
    Set<String> granted = new LinkedHashSet<>();
    for (String scope : requested) {
      if (KNOWN.contains(scope)) {
        granted.add(scope);
      }
    }
    return granted;
  }

  public static boolean allows(Set<String> granted, String required) {
    if (required == null || granted.contains(required) || granted.contains(ADMIN)) {
      return true;
    }
    return READ.equals(required) && granted.contains(WRITE);
  }
}
