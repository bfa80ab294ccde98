package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.functions.local.ApiGatewayStandIn;
import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.infra.dynamo.DynamoTables;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Cold start of the {@code $default} function without SnapStart: spawns fresh JVMs that each build
 * {@link DefaultHandler} the way Lambda does (no-argument constructor, wiring from the environment) and handle
 * one {@code $default} event, a {@code connect} frame of a connection recorded beforehand, against DynamoDB
 * Local and the stand-in's management API; each prints the time from JVM start to handled. Prints every run
 * and the median.
 *
 * <p>DynamoDB Local's server mode has no bind-address option: for the seconds this runs it listens on every
 * interface (in memory, on a random port).
 *
 * <p>Arguments: the number of runs (5), then the child JVM options ({@link #LAMBDA_OPTIONS} when none). With
 * {@code -Dcoldstart.jar=functions/target/clawgate-functions.jar} the children run on the deployment jar, as on
 * Lambda, rather than on the test class path. Commands and figures: docs/aws.md, "Cold start".
 *
 * <pre>java -Dcoldstart.jar=functions/target/clawgate-functions.jar
 *     -cp functions/target/test-classes:functions/target/classes:$(cat cp.txt)
 *     dev.clawgate.functions.ColdStartBench [runs [options]]</pre>
 */
public final class ColdStartBench {

  static final String TOKEN = "cold-start-token";

  /**
   * The child JVM options unless others are given: template.yaml's {@code JAVA_TOOL_OPTIONS}, and the Serial
   * collector, which the JVM picks by itself at the memory the functions get (not a server-class machine).
   */
  static final List<String> LAMBDA_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC");

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : LAMBDA_OPTIONS;
    int dynamoPort = freePort();
    DynamoDBProxyServer dynamoServer = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
    dynamoServer.start();
    ApiGatewayStandIn standIn = new ApiGatewayStandIn("bench", 0).start();
    try {
      String endpoint = "http://127.0.0.1:" + dynamoPort;
      DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint))
          .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .build();
      for (DynamoTables.Table table : List.of(DynamoTables.SESSIONS, DynamoTables.TRANSCRIPTS,
          DynamoTables.CONNECTIONS, DynamoTables.PENDING_RESPONSES)) {
        table.create(dynamo, table.defaultName());
      }
      ConnectionTable connections = new ConnectionTable(dynamo, DynamoTables.CONNECTIONS.defaultName());
      System.out.println("child JVM options: " + (jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions)));
      List<Run> results = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        String connId = "bench-" + run;
        connections.create(ConnectionState.opened(connId, "203.0.113.7", null, false), standIn.managementEndpoint());
        Run result = child(connId, endpoint, standIn.managementEndpoint(), jvmOptions);
        results.add(result);
        System.out.printf("run %d: %d ms from JVM start to $default handled (main entered at %d ms, handler built"
            + " at %d ms; process CPU %d ms)%n", run + 1, result.handledMs(), result.mainMs(), result.builtMs(),
            result.cpuMs());
      }
      System.out.printf("median over %d fresh JVMs (%d cores): %d ms wall to $default handled, %d ms process CPU;"
          + " main entered at %d ms, handler built at %d ms%n", runs, Runtime.getRuntime().availableProcessors(),
          median(results, Run::handledMs), median(results, Run::cpuMs), median(results, Run::mainMs),
          median(results, Run::builtMs));
    } finally {
      standIn.close();
      dynamoServer.stop();
    }
  }

  /** One fresh JVM's figures, in milliseconds since the JVM started (CPU: user + system of the whole process). */
  record Run(long mainMs, long builtMs, long handledMs, long cpuMs) {}

  private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> figure) {
    List<Long> sorted = new ArrayList<>();
    runs.forEach(run -> sorted.add(figure.applyAsLong(run)));
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static Run child(String connId, String dynamoEndpoint, String managementEndpoint, List<String> jvmOptions)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", childClasspath(), Child.class.getName(), connId));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "clawgate-default");
    env.put("CLAWGATE_GATEWAY_TOKEN", TOKEN);
    env.put("CLAWGATE_MANAGEMENT_ENDPOINT", managementEndpoint);
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    Process process = builder.start();
    Map<String, String> figures = new java.util.HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        int equals = line.indexOf('=');
        if (line.startsWith(FIGURE) && equals > 0) {
          figures.put(line.substring(FIGURE.length(), equals), line.substring(equals + 1));
        } else {
          System.err.println("  child: " + line);
        }
      }
    }
    if (process.waitFor() != 0 || !figures.containsKey("handledMs")) {
      throw new IllegalStateException("the child JVM failed (exit " + process.exitValue() + ")");
    }
    return new Run(Long.parseLong(figures.get("mainMs")), Long.parseLong(figures.get("builtMs")),
        Long.parseLong(figures.get("handledMs")), Long.parseLong(figures.get("cpuMs")));
  }

  /**
   * The test class path, or with {@code -Dcoldstart.jar=functions/target/clawgate-functions.jar} what Lambda loads:
   * the deployment jar, plus a jar of {@link Child} alone (a class-data-sharing archive takes jars only).
   */
  private static String childClasspath() throws java.io.IOException {
    String deployment = System.getProperty("coldstart.jar");
    if (deployment == null) {
      return System.getProperty("java.class.path");
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes)) {
      for (Class<?> type : List.of(ColdStartBench.class, Child.class)) {
        String entry = type.getName().replace('.', '/') + ".class";
        java.util.jar.JarEntry jarEntry = new java.util.jar.JarEntry(entry);
        jarEntry.setTime(0);
        jar.putNextEntry(jarEntry);
        try (java.io.InputStream in = ColdStartBench.class.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
    // Rewritten only when it changed: a class-data-sharing archive refuses a jar newer than itself.
    Path childJar = Path.of(System.getProperty("java.io.tmpdir"), "clawgate-coldstart-child.jar");
    if (!java.nio.file.Files.exists(childJar)
        || !java.util.Arrays.equals(java.nio.file.Files.readAllBytes(childJar), bytes.toByteArray())) {
      java.nio.file.Files.write(childJar, bytes.toByteArray());
    }
    return childJar + java.io.File.pathSeparator + Path.of(deployment).toAbsolutePath();
  }

  /** Marks the lines a child prints for the parent ({@code coldstart.handledMs=1234}). */
  static final String FIGURE = "coldstart.";

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The fresh JVM: what Lambda does on a cold start, then one event. */
  public static final class Child {
    public static void main(String[] args) {
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      long mainMs = System.currentTimeMillis() - jvmStart;
      DefaultHandler handler = new DefaultHandler();
      long builtMs = System.currentTimeMillis() - jvmStart;
      APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
      context.setRouteKey("$default");
      context.setEventType("MESSAGE");
      context.setConnectionId(args[0]);
      context.setDomainName("bench.execute-api.us-east-1.amazonaws.com");
      context.setStage("bench");
      APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
      event.setRequestContext(context);
      event.setBody("{\"type\":\"req\",\"id\":\"c1\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,"
          + "\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"cli\"},"
          + "\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"auth\":{\"token\":\"" + TOKEN + "\"}}}");
      APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
      long handledMs = System.currentTimeMillis() - jvmStart;
      if (response.getStatusCode() != 200) {
        System.out.println("unexpected status " + response.getStatusCode());
        System.exit(1);
      }
      long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1_000_000;
      System.out.println(FIGURE + "mainMs=" + mainMs);
      System.out.println(FIGURE + "builtMs=" + builtMs);
      System.out.println(FIGURE + "cpuMs=" + cpuMs);
      System.out.println(FIGURE + "handledMs=" + handledMs);
      System.exit(0);
    }
  }
}
