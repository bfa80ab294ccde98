package dev.clawgate.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.infra.dynamo.DynamoCronStore;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.stubmodel.StubModelServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cron on AWS: the functions' {@code cron.*} methods write the jobs to DynamoDB and reach the scheduler through
 * Temporal; the worker runs the jobs and records their runs in the same table.
 */
class CronThroughStandInTest {

  private static StubModelServer model;
  private static AwsStandInStack stack;

  @BeforeAll
  static void start() throws Exception {
    model = StubModelServer.start();
    stack = AwsStandInStack.start(null, model.baseUrl(), 0);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void aJobAddedThroughTheFunctionsRunsOnTheWorkerAndItsRunIsListed() throws Exception {
    try (GatewayClient client = GatewayClient.connect(URI.create(stack.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN))) {
      String id = call(client, "cron.add", Map.of("name", "digest", "schedule", Map.of("kind", "every",
          "everyMs", 3_600_000L), "payload", Map.of("kind", "agentTurn", "message", "write the digest")))
          .path("id").asText();
      assertThat(new DynamoCronStore(stack.dynamo, DynamoTables.CRON_JOBS.nameIn(stack.env)).get(id))
          .as("stored in DynamoDB").isPresent();

      String runId = call(client, "cron.run", Map.of("id", id)).path("runId").asText();
      JsonNode entry = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while (entry == null && System.currentTimeMillis() < deadline) {
        JsonNode entries = call(client, "cron.runs", Map.of("id", id, "runId", runId)).path("entries");
        if (entries.size() == 1) {
          entry = entries.path(0);
        } else {
          Thread.sleep(100);
        }
      }

      assertThat(entry).as("the run recorded by the worker").isNotNull();
      assertThat(entry.path("status").asText()).isEqualTo("ok");
      assertThat(entry.path("summary").asText()).isEqualTo("echo: write the digest");
      assertThat(call(client, "cron.list", Map.of()).path("jobs").findValuesAsText("id")).contains(id);

      call(client, "cron.remove", Map.of("id", id));
      assertThat(call(client, "cron.list", Map.of()).path("jobs").findValuesAsText("id")).doesNotContain(id);
    }
  }

  private static JsonNode call(GatewayClient client, String method, Map<String, Object> params) throws Exception {
    return client.call(method, params).get(30, TimeUnit.SECONDS);
  }
}
