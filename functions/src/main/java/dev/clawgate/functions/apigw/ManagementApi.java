package dev.clawgate.functions.apigw;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Posts frames to, and closes, API Gateway WebSocket connections through the management API
 * ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}, or the local stand-in's address). One SDK
 * client per endpoint, built once: with an explicit region and the UrlConnection HTTP client, for cold start.
 *
 * <p>A connection that is gone is not an error here: {@link #post} says so and the caller forgets the
 * connection. The SDK turns a 410 into {@link GoneException} only when the answer carries
 * {@code x-amzn-ErrorType: GoneException}, so any 410 counts as gone. Throttling (429) and 5xx answers are
 * retried by the SDK's standard retry policy (3 attempts with backoff) before they reach the caller.
 */
public final class ManagementApi {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Map<String, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();

  public ManagementApi(Region region, AwsCredentialsProvider credentials) {
    this.region = region;
    this.credentials = credentials;
  }

  /** The endpoint of the API and stage a WebSocket event came through. */
  public static String endpointOf(String domainName, String stage) {
    return "https://" + domainName + "/" + stage;
  }

  /** Sends one text frame; false when the connection is gone. */
  public boolean post(String endpoint, String connectionId, String text) {
    try {
      client(endpoint).postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(text)));
      return true;
    } catch (GoneException e) {
      return false;
    } catch (SdkServiceException e) {
      if (e.statusCode() == 410) {
        return false;
      }
      if (e.statusCode() == 403) {
        // Not a gone client: this process may not post to this API at all, so every post will fail alike.
        LOG.error("the management API refused a post with 403 at {}: the IAM identity lacks "
            + "execute-api:ManageConnections on this API and stage (a wrong stage, API or policy)", endpoint);
      }
      throw e;
    }
  }

  /** Closes the connection (API Gateway sends the close frame); one already gone is fine. */
  public void close(String endpoint, String connectionId) {
    try {
      client(endpoint).deleteConnection(b -> b.connectionId(connectionId));
    } catch (GoneException e) {
      LOG.debug("connection {} was already gone", connectionId);
    } catch (SdkServiceException e) {
      if (e.statusCode() != 410) {
        throw e;
      }
    }
  }

  /** Builds (once) the client for {@code endpoint}; also used to prime a snapshot. */
  public ApiGatewayManagementApiClient client(String endpoint) {
    return clients.computeIfAbsent(endpoint, e -> ApiGatewayManagementApiClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .endpointOverride(URI.create(e))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build());
  }
}
