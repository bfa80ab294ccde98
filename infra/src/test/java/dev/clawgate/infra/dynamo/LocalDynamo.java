package dev.clawgate.infra.dynamo;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local in this JVM, in memory, started once for all test classes. Each test gets its own tables
 * (fresh names), which is far cheaper than a fresh DynamoDB Local.
 */
final class LocalDynamo {

  private static final AmazonDynamoDBLocal LOCAL = start();
  private static final AtomicInteger TABLES = new AtomicInteger();

  private LocalDynamo() {}

  /** A new client on the shared DynamoDB Local: what a separate Lambda instance would have. */
  static DynamoDbClient client() {
    return LOCAL.dynamoDbClient();
  }

  /** Creates a new, empty table defined by {@code table} and returns its name. */
  static String newTable(DynamoTables.Table table) {
    String name = table.defaultName() + "-" + TABLES.incrementAndGet();
    table.create(client(), name);
    return name;
  }

  private static AmazonDynamoDBLocal start() {
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    Runtime.getRuntime().addShutdownHook(new Thread(local::shutdownNow));
    return local;
  }
}
