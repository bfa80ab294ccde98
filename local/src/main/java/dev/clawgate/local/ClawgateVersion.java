package dev.clawgate.local;

/** The version this build reports in {@code hello-ok.server.version}, {@code status} and the CLI. */
public final class ClawgateVersion {
  private ClawgateVersion() {}

  public static String current() {
    String fromJar = ClawgateVersion.class.getPackage().getImplementationVersion();
    return fromJar == null ? "0.1.0-dev" : fromJar;
  }
}
