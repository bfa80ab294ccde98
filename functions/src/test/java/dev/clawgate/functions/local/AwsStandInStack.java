package dev.clawgate.functions.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.clawgate.functions.AwsGateway;
import dev.clawgate.functions.ChallengeHandler;
import dev.clawgate.functions.ConnectHandler;
import dev.clawgate.functions.DefaultHandler;
import dev.clawgate.functions.DisconnectHandler;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.functions.worker.AwsWorker;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.infra.dynamo.DynamoCronStore;
import dev.clawgate.infra.dynamo.DynamoTables;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * AWS mode on one machine: the API Gateway stand-in with the real handlers, DynamoDB Local in this JVM, a
 * Temporal server (the in-process test server, or a real one at {@code temporalAddress}), and the production
 * session worker ({@link AwsWorker}, wired from the same environment the functions get). Only the model is
 * given (a base URL of an OpenAI-compatible endpoint, the stub model in tests).
 */
public final class AwsStandInStack implements AutoCloseable {

  public static final String TOKEN = "aws-stand-in-token-" + Long.toHexString(System.nanoTime());
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final Deque<AutoCloseable> resources;
  private final ApiGatewayStandIn standIn;
  public final DynamoDbClient dynamo;
  public final Map<String, String> env;

  private final AwsWorker worker;

  private AwsStandInStack(Deque<AutoCloseable> resources, ApiGatewayStandIn standIn, DynamoDbClient dynamo,
      Map<String, String> env, AwsWorker worker) {
    this.worker = worker;
    this.resources = resources;
    this.standIn = standIn;
    this.dynamo = dynamo;
    this.env = env;
  }

  /**
   * @param temporalAddress a Temporal server, or null for the in-process test server
   * @param modelBaseUrl the OpenAI-compatible model's base URL
   */
  public static AwsStandInStack start(String temporalAddress, String modelBaseUrl, int port) throws Exception {
    return start(temporalAddress, modelBaseUrl, port, TOKEN);
  }

  /** The same with the gateway token {@code token}. */
  public static AwsStandInStack start(String temporalAddress, String modelBaseUrl, int port, String token)
      throws Exception {
    return start(temporalAddress, modelBaseUrl, port, token, GatewaySettings.DEFAULT_TICK_INTERVAL_MS);
  }

  /** The same with the worker ticking every {@code tickIntervalMs}. */
  public static AwsStandInStack start(String temporalAddress, String modelBaseUrl, int port, String token,
      long tickIntervalMs) throws Exception {
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    try {
      AwsStandInStack stack = start(temporalAddress, modelBaseUrl, port, token, tickIntervalMs,
          local.dynamoDbClient(), local.dynamoDbClient());
      stack.resources.addLast(local::shutdownNow);
      return stack;
    } catch (Exception | Error e) {
      local.shutdownNow();
      throw e;
    }
  }

  /**
   * The same over a DynamoDB the caller runs: the functions use {@code dynamo} (which also creates the tables),
   * the worker {@code workerDynamo}, so a test can tell their requests apart.
   */
  public static AwsStandInStack start(String temporalAddress, String modelBaseUrl, int port, String token,
      long tickIntervalMs, DynamoDbClient dynamo, DynamoDbClient workerDynamo) throws Exception {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      // The management API client signs its requests; the stand-in does not check them.
      System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
      System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));

      Map<String, String> env = new HashMap<>();
      int stack = STACKS.incrementAndGet();
      for (DynamoTables.Table table : DynamoTables.ALL) {
        String name = table.defaultName() + "-" + stack;
        table.create(dynamo, name);
        env.put(table.environmentVariable(), name);
      }

      String target = temporalAddress;
      if (target == null) {
        int temporalPort = freePort();
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(temporalPort, true);
        resources.push(server::close);
        target = "127.0.0.1:" + temporalPort;
      }
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      resources.push(stubs::shutdownNow);
      WorkflowClient temporal = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setNamespace("default").build());

      ApiGatewayStandIn standIn = new ApiGatewayStandIn("local", port).start();
      resources.push(standIn);
      String taskQueue = "aws-" + Long.toHexString(System.nanoTime());
      env.put("CLAWGATE_GATEWAY_TOKEN", token);
      env.put("CLAWGATE_TASK_QUEUE", taskQueue);
      env.put("TEMPORAL_ADDRESS", target);
      env.put("CLAWGATE_MODEL", "openai:stub");
      env.put("OPENAI_BASE_URL", modelBaseUrl);
      env.put("CLAWGATE_MANAGEMENT_ENDPOINT", standIn.managementEndpoint());

      env.put("OPENAI_API_KEY", "stub");
      AwsWorker worker = AwsWorker.start(new AwsWorker.Wiring(env, workerDynamo, temporal,
          new DynamoCronStore(workerDynamo, DynamoTables.CRON_JOBS.nameIn(env)), tickIntervalMs));
      resources.push(worker);

      AwsGateway gateway = AwsGateway.create(env, dynamo, temporal);
      ChallengeHandler challenge = new ChallengeHandler(gateway);
      String connections = env.get(DynamoTables.CONNECTIONS.environmentVariable());
      standIn.routes(new ApiGatewayStandIn.Routes(new ConnectHandler(gateway), new DefaultHandler(gateway),
          new DisconnectHandler(gateway)), connId -> challenge.handleRequest(insertOf(dynamo, connections, connId),
              null));
      return new AwsStandInStack(resources, standIn, dynamo, env, worker);
    } catch (Exception | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The stream record DynamoDB would deliver for the connection's insert (view NEW_IMAGE). */
  static DynamodbEvent insertOf(DynamoDbClient dynamo, String table, String connId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of(ConnectionTable.ID, AttributeValue.fromS(connId)))).item();
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      image.put(attribute.getKey(), streamValue(attribute.getValue()));
    }
    StreamRecord change = new StreamRecord();
    change.setNewImage(image);
    change.setKeys(Map.of(ConnectionTable.ID, image.get(ConnectionTable.ID)));
    change.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_IMAGE);
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName("INSERT");
    record.setEventID(Long.toHexString(System.nanoTime()));
    record.setEventSource("aws:dynamodb");
    record.setDynamodb(change);
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(record));
    return event;
  }

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue streamValue(
      AttributeValue value) {
    var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    if (value.s() != null) {
      converted.setS(value.s());
    } else if (value.n() != null) {
      converted.setN(value.n());
    } else if (value.bool() != null) {
      converted.setBOOL(value.bool());
    } else if (value.hasL()) {
      List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> list = new ArrayList<>();
      for (AttributeValue element : value.l()) {
        list.add(streamValue(element));
      }
      converted.setL(list);
    }
    return converted;
  }

  public String url() {
    return standIn.url();
  }

  /** The production worker this stack runs. */
  public AwsWorker worker() {
    return worker;
  }

  public ApiGatewayStandIn standIn() {
    return standIn;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }
}
