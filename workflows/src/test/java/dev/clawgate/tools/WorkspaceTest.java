package dev.clawgate.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

  @TempDir
  Path tmp;

  private Path root;
  private Path outside;
  private Workspace workspace;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("ws");
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    workspace = new Workspace(root);
    root = workspace.root();
  }

  @Test
  void createsTheWorkspaceFolder() {
    assertThat(root).isDirectory();
  }

  @Test
  void relativePathsResolveInsideTheWorkspace() {
    assertThat(workspace.resolve("notes/a.txt")).isEqualTo(root.resolve("notes/a.txt"));
    assertThat(workspace.resolve("./notes/../b.txt")).isEqualTo(root.resolve("b.txt"));
    assertThat(workspace.resolve("a.txt")).isEqualTo(root.resolve("a.txt"));
    assertThat(workspace.display(workspace.resolve("notes/a.txt"))).isEqualTo("notes/a.txt");
  }

  @Test
  void absolutePathInsideTheWorkspaceIsAllowed() {
    assertThat(workspace.resolve(root.resolve("x/y.txt").toString())).isEqualTo(root.resolve("x/y.txt"));
  }

  @Test
  void dotDotEscapesAreRefused() {
    assertRefused("../outside/secret.txt");
    assertRefused("notes/../../outside/secret.txt");
    assertRefused("..");
  }

  @Test
  void absolutePathsOutsideAreRefused() {
    assertRefused(outside.resolve("secret.txt").toString());
    assertRefused(outside.toString());
    assertRefused("/etc/passwd");
  }

  @Test
  void symlinkToADirectoryOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("out"), outside);

    assertRefused("out");
    assertRefused("out/secret.txt");
    assertRefused("out/new.txt");
    assertRefused("out/deeper/new.txt");
  }

  @Test
  void symlinkToAFileOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

    assertRefused("secret.txt");
  }

  @Test
  void danglingSymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("ghost"), outside.resolve("does-not-exist.txt"));
    Files.createSymbolicLink(root.resolve("ghost-inside"), root.resolve("missing"));

    assertRefused("ghost");
    assertRefused("ghost-inside");
    assertRefused("ghost-inside/child.txt");
  }

  @Test
  void symlinkThatStaysInsideIsAllowed() throws IOException {
    Path real = Files.createDirectories(root.resolve("real"));
    Files.writeString(real.resolve("x.txt"), "x");
    Files.createSymbolicLink(root.resolve("alias"), real);
    Files.createSymbolicLink(root.resolve("x-link.txt"), real.resolve("x.txt"));

    assertThat(workspace.resolve("alias/x.txt")).isEqualTo(real.resolve("x.txt"));
    assertThat(workspace.resolve("alias/new.txt")).isEqualTo(real.resolve("new.txt"));
    assertThat(workspace.resolve("x-link.txt")).isEqualTo(real.resolve("x.txt"));
  }

  @Test
  void emptyAndNulPathsAreRefused() {
    assertRefused("");
    assertRefused("  ");
    assertRefused(null);
    assertRefused("a\0b");
  }

  private void assertRefused(String requested) {
    assertThatThrownBy(() -> workspace.resolve(requested))
        .as("path %s", requested)
        .isInstanceOf(WorkspaceEscapeException.class);
  }
}
