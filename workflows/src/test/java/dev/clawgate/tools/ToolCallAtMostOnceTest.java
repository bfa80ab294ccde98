package dev.clawgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.session.InMemoryStores;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool call runs at most once, also when its activity is retried after a crash. */
class ToolCallAtMostOnceTest {

  private static final String KEY = "agent:main:main";

  @TempDir
  Path workspace;

  private final InMemoryStores stores = new InMemoryStores();

  private ToolActivitiesImpl tools() {
    AgentCatalog agents = new AgentCatalog(List.of(new AgentDefinition("main", "Main", "", workspace, null)),
        "main", "main");
    return new ToolActivitiesImpl(agents, stores.transcripts(), event -> {});
  }

  private static ToolCallRequest write(String content) {
    return new ToolCallRequest(KEY, "main", "run-1", 0,
        new ToolCall("call-1", "write", "{\"path\":\"a.txt\",\"content\":\"" + content + "\"}"));
  }

  @Test
  void aRetryAfterTheResultWasRecordedReturnsItWithoutRunningTheTool() throws Exception {
    ToolResult first = tools().runTool(write("one"));
    ToolResult retry = tools().runTool(write("two"));

    assertThat(retry).isEqualTo(first);
    assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("one");
  }

  @Test
  void aRetryAfterACrashMidToolDoesNotRunTheToolAgainAndSaysSo() throws Exception {
    // The first attempt marked the call started, then the worker died before the result was recorded.
    stores.transcripts().append(KEY, TranscriptEntry.toolStarted("run-1", 0, write("one").call(), 1L));

    ToolResult retry = tools().runTool(write("two"));

    assertThat(retry.isError()).isTrue();
    assertThat(retry.output()).contains("interrupted").contains("may or may not have taken effect");
    assertThat(workspace.resolve("a.txt")).doesNotExist();
    assertThat(stores.transcripts().find(KEY, EntryIds.toolResult("run-1", 0, "call-1")))
        .hasValueSatisfying(entry -> assertThat(entry.isError()).isTrue());
  }
}
