package dev.clawgate.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * An agent's workspace folder, and the one place that decides whether a path a model asked for is inside it.
 *
 * <p>Both lexical escapes ({@code ../}, absolute paths elsewhere) and symbolic links that lead out are
 * refused: the nearest existing ancestor of the target is resolved to its real path and must lie under the
 * workspace's real path. A remaining window (a link swapped in between the check and the use) needs an
 * attacker already writing inside the workspace; the agent's own tools cannot create links.
 */
public final class Workspace {

  private final Path root;

  public Workspace(Path folder) {
    try {
      Files.createDirectories(folder);
      this.root = folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create workspace " + folder, e);
    }
  }

  public Path root() {
    return root;
  }

  /** The real location of {@code requested} (relative to the workspace, or absolute inside it). */
  public Path resolve(String requested) {
    if (requested == null || requested.isBlank()) {
      throw new WorkspaceEscapeException(String.valueOf(requested), "path is empty");
    }
    if (requested.indexOf('\0') >= 0) {
      throw new WorkspaceEscapeException(requested, "path contains a NUL character");
    }
    Path candidate = root.resolve(requested).normalize();
    if (!candidate.startsWith(root)) {
      throw new WorkspaceEscapeException(requested, "path is outside the workspace");
    }
    if (Files.isSymbolicLink(candidate) && !Files.exists(candidate)) {
      throw new WorkspaceEscapeException(requested, "path is a dangling symbolic link");
    }
    Path existing = candidate;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new WorkspaceEscapeException(requested, "path is outside the workspace");
    }
    try {
      Path real = existing.toRealPath();
      if (!real.startsWith(root)) {
        throw new WorkspaceEscapeException(requested, "path leads outside the workspace through a symbolic link");
      }
      return real.resolve(existing.relativize(candidate));
    } catch (IOException e) {
      throw new WorkspaceEscapeException(requested, "path cannot be resolved: " + e.getMessage());
    }
  }

  /** The path as the agent should see it: relative to the workspace. */
  public String display(Path inside) {
    return root.relativize(inside).toString();
  }
}
