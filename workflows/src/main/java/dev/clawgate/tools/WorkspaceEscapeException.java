package dev.clawgate.tools;

/** A tool was asked for a path outside its agent's workspace; the run goes on and the model is told why. */
public final class WorkspaceEscapeException extends RuntimeException {
  public WorkspaceEscapeException(String path, String reason) {
    super(reason + ": " + path);
  }
}
