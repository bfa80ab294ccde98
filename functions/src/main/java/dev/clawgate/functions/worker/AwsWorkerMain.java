package dev.clawgate.functions.worker;

import dev.clawgate.functions.AwsGateway;
import dev.clawgate.infra.dynamo.DynamoClients;
import dev.clawgate.infra.dynamo.DynamoCronStore;
import dev.clawgate.infra.dynamo.DynamoTables;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the AWS session worker until the process is stopped (SIGTERM from systemd shuts it down cleanly):
 * {@code java -cp functions/target/clawgate-functions.jar dev.clawgate.functions.worker.AwsWorkerMain}, with the
 * stack's {@code WorkerEnvironment}, Temporal's credentials and the model's settings in the environment (see
 * docs/aws.md, "Where the worker runs").
 *
 * <p>The cron jobs are the functions' ({@link DynamoCronStore} on the same table): the functions change them
 * ({@code cron.*}), this worker runs the scheduler and records the runs.
 */
public final class AwsWorkerMain {

  private AwsWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    WorkflowClient temporal = AwsGateway.temporal(env);
    DynamoDbClient dynamo = DynamoClients.create(env);
    AwsWorker worker = AwsWorker.start(new AwsWorker.Wiring(env, dynamo, temporal,
        new DynamoCronStore(dynamo, DynamoTables.CRON_JOBS.nameIn(env))));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      temporal.getWorkflowServiceStubs().shutdown();
      stopped.countDown();
    }, "aws-worker-shutdown"));
    stopped.await();
  }
}
