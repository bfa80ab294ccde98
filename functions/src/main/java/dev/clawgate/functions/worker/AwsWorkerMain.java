package dev.clawgate.functions.worker;

import dev.clawgate.functions.AwsGateway;
import dev.clawgate.infra.dynamo.DynamoClients;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the AWS session worker until the process is stopped (SIGTERM from systemd shuts it down cleanly):
 * {@code java -cp functions/target/clawgate-functions.jar dev.clawgate.functions.worker.AwsWorkerMain}, with the
 * stack's {@code WorkerEnvironment}, Temporal's credentials and the model's settings in the environment (see
 * docs/aws.md, "Where the worker runs").
 *
 * <p>No cron store is passed: DynamoDB has none yet, so the worker starts no cron scheduler. When one exists,
 * hand it to {@link AwsWorker.Wiring} here (and to the functions), and cron runs on AWS too.
 */
public final class AwsWorkerMain {

  private AwsWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    WorkflowClient temporal = AwsGateway.temporal(env);
    AwsWorker worker = AwsWorker.start(new AwsWorker.Wiring(env, DynamoClients.create(env), temporal, null));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      temporal.getWorkflowServiceStubs().shutdown();
      stopped.countDown();
    }, "aws-worker-shutdown"));
    stopped.await();
  }
}
