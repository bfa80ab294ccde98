package dev.clawgate.cli;

/**
 * A command that cannot go on, with the sentence to show the user and the exit code: 1 when the gateway or the
 * connection failed, 2 when the command line itself is wrong (picocli's own code for usage errors).
 */
public class CliFailure extends Exception {

  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  public CliFailure(String message) {
    this(message, FAILED);
  }

  public CliFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
