package dev.clawgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceToolsTest {

  @TempDir
  Path tmp;

  private Path root;
  private Path outside;
  private WorkspaceTools tools;

  @BeforeEach
  void setUp() throws IOException {
    Workspace workspace = new Workspace(tmp.resolve("ws"));
    root = workspace.root();
    outside = Files.createDirectories(tmp.resolve("outside"));
    tools = new WorkspaceTools(workspace);
  }

  @Test
  void writeThenReadReturnsTheContent() throws IOException {
    ToolResult written = tools.run("write", "{\"path\":\"notes/a.txt\",\"content\":\"héllo\\nworld\"}");
    assertThat(written.isError()).as(written.output()).isFalse();
    assertThat(written.output()).contains("notes/a.txt");
    assertThat(Files.readString(root.resolve("notes/a.txt"))).isEqualTo("héllo\nworld");

    ToolResult read = tools.run("read", "{\"path\":\"notes/a.txt\"}");
    assertThat(read).isEqualTo(ToolResult.ok("héllo\nworld"));
  }

  @Test
  void writeOverwritesAndLeavesNoTemporaryFiles() throws IOException {
    tools.run("write", "{\"path\":\"a.txt\",\"content\":\"first\"}");
    tools.run("write", "{\"path\":\"a.txt\",\"content\":\"second\"}");

    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("second");
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files).containsExactly(root.resolve("a.txt"));
    }
  }

  @Test
  void readOfAMissingFileIsAnError() {
    assertThat(tools.run("read", "{\"path\":\"nope.txt\"}").isError()).isTrue();
  }

  @Test
  void readCutsVeryLargeFiles() throws IOException {
    Files.writeString(root.resolve("big.txt"), "x".repeat(WorkspaceTools.MAX_READ_CHARS + 10));

    ToolResult read = tools.run("read", "{\"path\":\"big.txt\"}");

    assertThat(read.isError()).isFalse();
    assertThat(read.output()).startsWith("x".repeat(WorkspaceTools.MAX_READ_CHARS)).contains("[truncated");
  }

  @Test
  void editReplacesExactlyOneOccurrence() throws IOException {
    Files.writeString(root.resolve("a.txt"), "alpha beta gamma");

    ToolResult edited = tools.run("edit", "{\"path\":\"a.txt\",\"oldText\":\"beta\",\"newText\":\"BETA\"}");

    assertThat(edited.isError()).as(edited.output()).isFalse();
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("alpha BETA gamma");
  }

  @Test
  void editRefusesTextThatDoesNotOccur() throws IOException {
    Files.writeString(root.resolve("a.txt"), "alpha beta gamma");

    ToolResult edited = tools.run("edit", "{\"path\":\"a.txt\",\"oldText\":\"delta\",\"newText\":\"x\"}");

    assertThat(edited.isError()).isTrue();
    assertThat(edited.output()).contains("not found");
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("alpha beta gamma");
  }

  @Test
  void editRefusesTextThatOccursSeveralTimes() throws IOException {
    Files.writeString(root.resolve("a.txt"), "beta alpha beta");

    ToolResult edited = tools.run("edit", "{\"path\":\"a.txt\",\"oldText\":\"beta\",\"newText\":\"x\"}");

    assertThat(edited.isError()).isTrue();
    assertThat(edited.output()).contains("more than once");
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("beta alpha beta");
  }

  @Test
  void editRefusesOverlappingOccurrences() throws IOException {
    Files.writeString(root.resolve("a.txt"), "aaa");

    ToolResult edited = tools.run("edit", "{\"path\":\"a.txt\",\"oldText\":\"aa\",\"newText\":\"b\"}");

    assertThat(edited.isError()).isTrue();
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("aaa");
  }

  @Test
  void badJsonArgumentsGiveAnErrorResult() {
    ToolResult notJson = tools.run("write", "{\"path\": \"a.txt\", ");
    assertThat(notJson.isError()).isTrue();
    assertThat(notJson.output()).contains("not valid JSON");

    ToolResult notAnObject = tools.run("write", "[\"a.txt\", \"hi\"]");
    assertThat(notAnObject.isError()).isTrue();
    assertThat(notAnObject.output()).contains("JSON object");
    assertThat(root.resolve("a.txt")).doesNotExist();
  }

  @Test
  void missingArgumentsGiveAnErrorResult() {
    ToolResult noContent = tools.run("write", "{\"path\":\"a.txt\"}");
    assertThat(noContent.isError()).isTrue();
    assertThat(noContent.output()).contains("content");

    ToolResult noPath = tools.run("read", "");
    assertThat(noPath.isError()).isTrue();
    assertThat(noPath.output()).contains("path");

    ToolResult notAString = tools.run("write", "{\"path\":\"a.txt\",\"content\":42}");
    assertThat(notAString.isError()).isTrue();
    assertThat(notAString.output()).contains("content");

    ToolResult noNewText = tools.run("edit", "{\"path\":\"a.txt\",\"oldText\":\"x\"}");
    assertThat(noNewText.isError()).isTrue();
    assertThat(noNewText.output()).contains("newText");
    assertThat(root.resolve("a.txt")).doesNotExist();
  }

  @Test
  void unknownToolGivesAnErrorResult() {
    ToolResult result = tools.run("delete", "{\"path\":\"a.txt\"}");
    assertThat(result.isError()).isTrue();
    assertThat(result.output()).contains("unknown tool");
  }

  @Test
  void escapeAttemptsGiveAnErrorResultAndWriteNothingOutside() throws IOException {
    Files.createSymbolicLink(root.resolve("out"), outside);
    Path escapedByDots = tmp.resolve("escaped.txt");
    Path escapedByAbsolutePath = outside.resolve("absolute.txt");
    Path escapedByLink = outside.resolve("linked.txt");

    ToolResult byDots = tools.run("write", "{\"path\":\"../escaped.txt\",\"content\":\"pwned\"}");
    ToolResult byAbsolutePath = tools.run("write",
        "{\"path\":\"" + escapedByAbsolutePath + "\",\"content\":\"pwned\"}");
    ToolResult byLink = tools.run("write", "{\"path\":\"out/linked.txt\",\"content\":\"pwned\"}");

    assertThat(byDots.isError()).isTrue();
    assertThat(byAbsolutePath.isError()).isTrue();
    assertThat(byLink.isError()).isTrue();
    assertThat(escapedByDots).doesNotExist();
    assertThat(escapedByAbsolutePath).doesNotExist();
    assertThat(escapedByLink).doesNotExist();
    try (Stream<Path> left = Files.list(outside)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void editThroughALinkToAFileOutsideIsRefusedAndLeavesItUnchanged() throws IOException {
    Path secret = Files.writeString(outside.resolve("secret.txt"), "token=abc");
    Files.createSymbolicLink(root.resolve("secret.txt"), secret);

    ToolResult edited = tools.run("edit", "{\"path\":\"secret.txt\",\"oldText\":\"abc\",\"newText\":\"xyz\"}");
    ToolResult read = tools.run("read", "{\"path\":\"secret.txt\"}");

    assertThat(edited.isError()).isTrue();
    assertThat(read.isError()).isTrue();
    assertThat(read.output()).doesNotContain("token");
    assertThat(Files.readString(secret)).isEqualTo("token=abc");
  }

  @Test
  void writeToAFolderIsRefusedWithoutTouchingItsParent() throws IOException {
    Files.createDirectories(root.resolve("notes"));
    FileTime untouched = FileTime.fromMillis(0);
    Files.setLastModifiedTime(tmp, untouched);

    ToolResult toRoot = tools.run("write", "{\"path\":\".\",\"content\":\"x\"}");
    ToolResult toFolder = tools.run("write", "{\"path\":\"notes\",\"content\":\"x\"}");

    assertThat(Files.getLastModifiedTime(tmp)).as("nothing was created or removed beside the workspace")
        .isEqualTo(untouched);
    assertThat(toRoot.isError()).isTrue();
    assertThat(toRoot.output()).contains("directory");
    assertThat(toFolder.isError()).isTrue();
    assertThat(toFolder.output()).contains("directory");
  }
}
