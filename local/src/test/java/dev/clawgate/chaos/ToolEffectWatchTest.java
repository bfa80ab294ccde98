package dev.clawgate.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.tools.Workspace;
import dev.clawgate.tools.WorkspaceTools;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolEffectWatchTest {

  @TempDir
  Path workspace;

  @Test
  void everyExecutionOfTheWriteToolIsCountedOnce() throws Exception {
    WorkspaceTools tools = new WorkspaceTools(new Workspace(workspace));
    AtomicInteger told = new AtomicInteger();
    try (ToolEffectWatch watch = new ToolEffectWatch(workspace.resolve(MessagePlan.TOOL_DIR), told::incrementAndGet)) {
      String args = "{\"path\":\"count/a.txt\",\"content\":\"x\"}";
      assertThat(tools.run("write", args).isError()).isFalse();
      assertThat(tools.run("write", args).isError()).isFalse();
      tools.run("write", "{\"path\":\"count/b.txt\",\"content\":\"x\"}");

      awaitAtLeast(() -> watch.landings("a.txt").size(), 2);
      awaitAtLeast(() -> watch.landings("b.txt").size(), 1);
      watch.settle();

      assertThat(watch.landings("a.txt")).hasSize(2);
      assertThat(watch.landings("b.txt")).hasSize(1);
      assertThat(watch.landings("c.txt")).isEmpty();
      assertThat(watch.overflowed()).isFalse();
      assertThat(told).as("every landing is told, so a kill can aim at it").hasValue(3);
    }
  }

  private static void awaitAtLeast(LongSupplier value, long wanted) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (value.getAsLong() < wanted && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
