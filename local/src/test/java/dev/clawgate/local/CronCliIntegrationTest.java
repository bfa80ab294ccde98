package dev.clawgate.local;

import static dev.clawgate.local.WebhookIntegrationTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.FrameCodec;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate cron ...} run in-process against a real gateway: what a user reads, and the exit code. */
class CronCliIntegrationTest {

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateway.start(stateDir);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void addListRunRunsDisableAndRemoveAJob() throws Exception {
    CliRun added = CliRun.against(gateway, "cron", "add", "--name", "standup", "--cron", "0 9 * * 1-5", "--tz",
        "Europe/Berlin", "--message", "what is on today?", "--json");
    assertThat(added.exitCode()).as(added.err()).isZero();
    String id = FrameCodec.JSON.readTree(added.out()).path("id").asText();

    CliRun listed = CliRun.against(gateway, "cron", "list");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.outLines()).first().asString().startsWith("ID").contains("SCHEDULE", "NEXT");
    assertThat(listed.out()).contains(id, "standup", "cron 0 9 * * 1-5 Europe/Berlin", "isolated");

    CliRun ran = CliRun.against(gateway, "cron", "run", id);
    assertThat(ran.exitCode()).as(ran.err()).isZero();
    assertThat(ran.out()).startsWith("Started run cron:" + id + ":manual:");
    awaitTrue("the run in the history", () -> CliRun.against(gateway, "cron", "runs", id).out().contains(" ok "));

    CliRun disabled = CliRun.against(gateway, "cron", "disable", id);
    assertThat(disabled.out()).isEqualTo("Disabled cron job " + id + "." + System.lineSeparator());
    assertThat(CliRun.against(gateway, "cron", "list").out()).doesNotContain(id);
    assertThat(CliRun.against(gateway, "cron", "list", "--all").out()).contains("standup (disabled)");

    CliRun removed = CliRun.against(gateway, "cron", "rm", id);
    assertThat(removed.exitCode()).as(removed.err()).isZero();
    JsonNode page = FrameCodec.JSON.readTree(CliRun.against(gateway, "cron", "list", "--all", "--json").out());
    assertThat(page.path("total").asInt()).isZero();
  }

  @Test
  void aBadScheduleOrAnUnknownJobFailsWithOneLineAndExitCodeOne() {
    CliRun badExpr = CliRun.against(gateway, "cron", "add", "--name", "x", "--cron", "99 * * * *", "--system-event",
        "x");
    assertThat(badExpr.exitCode()).isEqualTo(1);
    assertThat(badExpr.err()).startsWith("clawgate: ").contains("schedule.expr");

    CliRun unknown = CliRun.against(gateway, "cron", "rm", "no-such-job");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("CRON_JOB_NOT_FOUND");
  }

  @Test
  void aWrongCommandLineIsAUsageError() {
    CliRun both = CliRun.against(gateway, "cron", "add", "--name", "x", "--every", "1h", "--at",
        "2030-01-01T00:00:00Z", "--system-event", "x");
    CliRun badEvery = CliRun.against(gateway, "cron", "add", "--name", "x", "--every", "soon", "--system-event", "x");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(badEvery.exitCode()).isEqualTo(2);
    assertThat(badEvery.err()).contains("--every");
  }
}
