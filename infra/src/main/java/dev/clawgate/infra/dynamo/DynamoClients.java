package dev.clawgate.infra.dynamo;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB clients, once per process, with what keeps a Lambda cold start short: an explicit
 * region (no region lookup chain), the UrlConnection HTTP client (the Apache and Netty clients are not even on
 * the class path) and, inside Lambda, credentials straight from where the runtime puts them.
 *
 * <p>The endpoint is never set here. The SDK itself (2.28 and later) reads {@code AWS_ENDPOINT_URL_DYNAMODB},
 * then {@code AWS_ENDPOINT_URL} (and the system properties {@code aws.endpointUrlDynamoDb} and
 * {@code aws.endpointUrl}), so DynamoDB Local or LocalStack on a home server needs only an environment
 * variable, and the code that runs there is the code that runs on AWS.
 */
public final class DynamoClients {

  public static final String DEFAULT_REGION = "us-east-1";

  private DynamoClients() {}

  /** The client for this process's environment, built on first use. */
  public static DynamoDbClient shared() {
    return Shared.CLIENT;
  }

  /** A new client for {@code env} (the process environment in production; a map in tests). */
  public static DynamoDbClient create(Map<String, String> env) {
    return DynamoDbClient.builder()
        .region(region(env))
        .credentialsProvider(credentials(env))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /**
   * The Enhanced Client the stores use: with the versioned-record extension (optimistic locking of session
   * rows) and nothing else. A thin wrapper, so each store makes its own over the one shared client.
   */
  public static DynamoDbEnhancedClient enhanced(DynamoDbClient client) {
    return DynamoDbEnhancedClient.builder()
        .dynamoDbClient(client)
        .extensions(VersionedRecordExtension.builder().build())
        .build();
  }

  /** {@code AWS_REGION} (Lambda always sets it), else {@value #DEFAULT_REGION}. */
  public static Region region(Map<String, String> env) {
    String region = env.get("AWS_REGION");
    return Region.of(region == null || region.isBlank() ? DEFAULT_REGION : region.trim());
  }

  /**
   * Inside Lambda, the one provider that applies, which saves the cold start the rest of the default chain
   * (profile files, instance metadata): with SnapStart the runtime serves the role's credentials from a local
   * endpoint named by {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and sets no access-key variables (a snapshot must
   * not carry keys that expire), without SnapStart it sets the access-key variables. Elsewhere (a home server, a
   * laptop with a profile) the whole default chain applies.
   */
  public static AwsCredentialsProvider credentials(Map<String, String> env) {
    if (!env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
      return DefaultCredentialsProvider.builder().build();
    }
    return env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        ? ContainerCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
  }

  /** Lazy holder: built when first asked for (or while priming a snapshot), never twice. */
  private static final class Shared {
    static final DynamoDbClient CLIENT = create(System.getenv());
  }
}
